// release.published -> a check run on the release's commit and, with `release.notes: true`,
// an "Openness" section in the release notes between markers (replaced on re-evaluation).
import { evaluate, type Evaluated } from '../evaluate.js';
import { describeFault, PublishError, type Octokit, type RepoRef } from '../publish.js';
import { renderNotesSection, upsertNotesSection } from '../release-notes.js';
import type { AnyContext, Services } from '../services.js';

export interface ReleaseLike {
  id: number;
  tag_name: string;
  target_commitish: string;
  body?: string | null;
  draft?: boolean;
}

/** The commit the release's tag points at; the tag, once published, is what users download. */
export async function releaseSha(octokit: Octokit, repo: RepoRef, release: ReleaseLike): Promise<string> {
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', {
    ...repo,
    ref: release.tag_name || release.target_commitish,
    headers: { accept: 'application/vnd.github.sha' },
  });
  return String(data).trim();
}

/**
 * 1. resolve the tag to a commit  2. snapshot  3. run (external_id release:ID)
 * 4. config (default branch, via Probot)  5. assess  6. release-notes section  7. complete.
 */
export async function evaluateRelease(
  context: AnyContext,
  svc: Services,
  repo: RepoRef,
  release: ReleaseLike,
): Promise<Evaluated | null> {
  const sha = await releaseSha(context.octokit, repo, release);
  return evaluate(context, svc, {
    repo,
    sha,
    kind: { kind: 'release', id: release.id },
    defaultBranchAt: null,
    // The notes link the run: it must exist before they are written.
    runFirst: true,
    publish: async (evaluated, run) => {
      if (!evaluated.config.release.notes) return;
      const body = upsertNotesSection(release.body, renderNotesSection(evaluated.report, run?.url ?? undefined));
      if (body === (release.body ?? '')) return;
      try {
        await context.octokit.rest.repos.updateRelease({ ...repo, release_id: release.id, body });
      } catch (error) {
        // app.yml grants contents: read (least privilege); editing releases needs write,
        // which an owner grants only when they want the notes.
        const status = (error as { status?: number } | null)?.status;
        const reason = status === 403 ? 'the app needs Contents: write to edit releases' : describeFault(error);
        throw new PublishError(`Release notes not updated: ${reason}`, error);
      }
    },
  });
}
