// pull_request opened / synchronize / reopened (forks included) -> a check run on the head
// commit with the delta against the base, and the one PR comment.
// Forks: the head commit is read from the BASE repository. GitHub makes PR head commits
// reachable there (refs/pull/N/head), and the installation may have no access to the fork.
// The comment is about the PR as it is: right before writing it, the PR's head is read
// again, and an evaluation of an older head (a delivery that arrived late, another replica)
// leaves the comment alone.
// The existing comment is found without a list call: in the head's GraphQL request (the
// PR's newest comments), or remembered per PR; the list is the fallback when neither
// knows. A comment whose text would not change costs no request at all.
import { COMMENT_MARKER, renderPrComment } from '../../core/render/pr-comment.js';
import type { ExtraQuery } from '../../sources/github-snapshot.js';
import { commentDue } from '../conclusion.js';
import { evaluate, type Evaluated } from '../evaluate.js';
import type { AppIdentity } from '../identity.js';
import { bodyHash, describeFault, PublishError, upsertComment, type KnownComment, type RepoRef } from '../publish.js';
import { prKey, type AnyContext, type Services } from '../services.js';

export interface PrTarget {
  repo: RepoRef;
  number: number;
  headSha: string;
  baseSha: string;
  /** True when the PR targets the default branch: the base snapshot then holds the config. */
  baseIsDefault: boolean;
}

/** The shape shared by webhook payloads and `GET /repos/{o}/{r}/pulls/{n}`. */
interface PullLike {
  number: number;
  head: { sha: string };
  base: { sha: string; ref: string };
}

/** `repository` is the base repository (the one the app is installed on and the event came from). */
export function prTarget(
  pull: PullLike,
  repository: { name: string; owner: { login: string } | null; default_branch: string },
): PrTarget {
  return {
    repo: { owner: repository.owner?.login ?? '', repo: repository.name },
    number: pull.number,
    headSha: pull.head.sha,
    baseSha: pull.base.sha,
    baseIsDefault: pull.base.ref === repository.default_branch,
  };
}

/**
 * 1. snapshots of head and base  2. signal  3. run (external_id pr:N)  4. config from the
 * default branch  5. assess both, delta  6. comment, unless a newer event for this PR
 * arrived meanwhile (`generation`)  7. complete the run.
 */
export async function evaluatePullRequest(
  context: AnyContext,
  svc: Services,
  pr: PrTarget,
  generation: number,
): Promise<Evaluated | null> {
  const key = prKey(pr.repo.owner, pr.repo.repo, pr.number);
  return evaluate(context, svc, {
    repo: pr.repo,
    sha: pr.headSha,
    baseSha: pr.baseSha,
    kind: { kind: 'pr', number: pr.number },
    defaultBranchAt: pr.baseIsDefault ? 'base' : null,
    headQuery: commentsQuery(pr.number),
    publish: async (evaluated) => {
      if (!svc.generations.isCurrent(key, generation)) {
        context.log.info(`truly-open: ${key} has a newer evaluation; leaving its comment alone`);
        return;
      }
      const mode = evaluated.config.comment;
      if (mode === 'never' || !evaluated.delta) return;
      const due = mode === 'always' || commentDue(evaluated.delta, evaluated.verdict);
      const body = renderPrComment(evaluated.report, evaluated.delta, {
        docsBaseUrl: svc.docsBaseUrl,
        marker: COMMENT_MARKER,
      });
      try {
        // What GitHub just said wins over what this process remembers (a deleted comment).
        const answer = commentFromAnswer(evaluated.headExtra, svc.identity, COMMENT_MARKER);
        const known = answer !== undefined ? answer : await svc.comments.get(key);
        if (known && known.hash === bodyHash(body)) return;
        if (known === null && !due) return;
        const { data: pull } = await context.octokit.rest.pulls.get({ ...pr.repo, pull_number: pr.number });
        if (pull.head.sha !== pr.headSha) {
          context.log.info(
            `truly-open: ${key} head is now ${pull.head.sha}, not ${pr.headSha}; leaving its comment alone`,
          );
          return;
        }
        const { comment } = await upsertComment(
          context.octokit,
          svc.identity,
          pr.repo,
          pr.number,
          body,
          COMMENT_MARKER,
          { create: due, known },
        );
        if (comment) await svc.comments.set(key, comment);
        else await svc.comments.delete(key);
      } catch (error) {
        throw new PublishError(`PR comment not updated: ${describeFault(error)}`, error);
      }
    },
  });
}

/** How many of the PR's newest comments the head's GraphQL request brings (bodies included). */
export const COMMENTS_WINDOW = 30;

/** The PR's newest comments, asked along with the head's files. */
export function commentsQuery(number: number): ExtraQuery {
  return {
    fields:
      `xpr: repository(owner: $owner, name: $name) { pullRequest(number: $xprNumber) { comments(last: ${COMMENTS_WINDOW}) ` +
      '{ totalCount nodes { databaseId body viewerDidAuthor author { __typename login } } } } }',
    variables: { xprNumber: { type: 'Int!', value: number } },
  };
}

interface CommentNode {
  databaseId?: number | null;
  body?: string | null;
  viewerDidAuthor?: boolean | null;
  author?: { __typename?: string; login?: string } | null;
}

/**
 * The app's comment in the answer to `commentsQuery`, newest first; null when the answer
 * shows there is none; undefined when it cannot tell (not asked, more comments than the
 * window, a comment with the marker by a bot that may be this app): then the list decides.
 */
export function commentFromAnswer(
  extra: Record<string, unknown> | null,
  identity: AppIdentity,
  marker: string,
): KnownComment | null | undefined {
  const comments = (
    extra?.xpr as
      | { pullRequest?: { comments?: { totalCount?: number; nodes?: (CommentNode | null)[] } | null } | null }
      | null
      | undefined
  )?.pullRequest?.comments;
  if (!comments || !Array.isArray(comments.nodes)) return undefined;
  const nodes = comments.nodes.filter((n): n is CommentNode => n !== null && (n.body ?? '').includes(marker));
  const slug = identity.slug;
  for (const node of [...nodes].reverse()) {
    // GraphQL names a GitHub App's bot by its slug, REST as `<slug>[bot]`.
    const ours =
      node.viewerDidAuthor === true ||
      (slug !== null && (node.author?.login === slug || node.author?.login === `${slug}[bot]`));
    if (ours && typeof node.databaseId === 'number') return { id: node.databaseId, hash: bodyHash(node.body ?? '') };
    if (node.author?.__typename === 'Bot' && slug === null) return undefined;
  }
  return (comments.totalCount ?? Infinity) <= comments.nodes.length ? null : undefined;
}
