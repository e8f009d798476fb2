// issue_comment.created on a pull request -> `/openness recheck | explain <id> | help`.
// Only people with write, maintain or admin permission trigger work; others get one
// polite reply per PR (remembered in memory) and nothing runs. Bots and edits are ignored.
// A burst of commands does not become a burst of work: permissions are remembered for a
// minute, at most one recheck (and one explain per component) waits per PR, and help is
// answered once per PR per period (CommandGate). Commands dropped so get no reaction.
import type { Context } from 'probot';
import { COMPONENT_IDS } from '../../core/catalog.js';
import { mdCode } from '../../core/render/format.js';
import { HELP_TEXT, parseCommand, type Command } from '../commands.js';
import { assessOnly } from '../evaluate.js';
import { explainComponent } from '../explain.js';
import { schedule } from '../jobs.js';
import { react, reply, type Octokit, type RepoRef } from '../publish.js';
import { evaluatePullRequest, prTarget } from './pull-request.js';
import { prKey, type Services } from '../services.js';

/** The command in the comment, or null when there is nothing for us to do. Runs in the webhook. */
export function planComment(context: Context<'issue_comment.created'>): Command | null {
  const { payload } = context;
  if (payload.sender.type === 'Bot' || !payload.issue.pull_request) return null;
  return parseCommand(payload.comment.body ?? '');
}

/**
 * 1. permission  2. the gate  3. reaction  4. the command: recheck (the PR flow, queued
 * behind the PR's other work), explain (snapshot, config, assess, reply) or help.
 */
export async function handleCommand(
  context: Context<'issue_comment.created'>,
  svc: Services,
  command: Command,
): Promise<void> {
  const { payload, octokit } = context;
  const repo = { owner: payload.repository.owner.login, repo: payload.repository.name };
  const number = payload.issue.number;
  const user = payload.comment.user?.login ?? payload.sender.login;
  const pr = prKey(repo.owner, repo.repo, number);

  const allowed = await svc.permissions.get(`${repo.owner}/${repo.repo}:${user}`.toLowerCase(), () =>
    canWrite(octokit, repo, user),
  );
  if (!allowed) {
    if (svc.refused.add(`${pr}:${user}`)) {
      await reply(
        octokit,
        repo,
        number,
        `Thanks @${user}! \`/openness\` commands start work on this repository, so they are reserved for people with write access. ` +
          'A maintainer can run them for you.',
      );
    }
    return;
  }
  if (!svc.commands.admit(pr, command)) {
    context.log.info(`truly-open: ${pr}: /openness ${command.kind} already queued or answered recently; ignored`);
    svc.metrics.inc('truly_open_commands_coalesced_total', { kind: command.kind });
    return;
  }
  await react(
    octokit,
    repo,
    payload.comment.id,
    command.kind === 'recheck' || command.kind === 'explain' ? 'eyes' : '+1',
  ).catch((error: unknown) => {
    if (command.kind === 'recheck' || command.kind === 'explain') svc.commands.started(pr, command);
    throw error;
  });

  switch (command.kind) {
    case 'recheck': {
      const seed =
        typeof payload.installation?.id === 'number'
          ? {
              installationId: payload.installation.id,
              repository: {
                owner: repo.owner,
                name: repo.repo,
                private: payload.repository.private !== false,
                defaultBranch: payload.repository.default_branch,
              },
              kind: { kind: 'pr' as const, number },
              sha: null,
              headBranch: null,
            }
          : null;
      await schedule(svc, context.log, pr, seed, async () => {
        svc.commands.started(pr, command);
        // The head as it is now: a recheck queued behind other work evaluates the latest.
        const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
        const generation = svc.generations.next(pr);
        await evaluatePullRequest(context, svc, prTarget(pull, payload.repository), generation);
      });
      return;
    }
    case 'explain': {
      await schedule(svc, context.log, pr, null, async () => {
        svc.commands.started(pr, command);
        const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
        const report = await assessOnly(context, svc, repo, pull.head.sha);
        await reply(octokit, repo, number, explainComponent(command.component, report, svc.docsBaseUrl));
      });
      return;
    }
    case 'explain-unknown':
      await reply(
        octokit,
        repo,
        number,
        `${command.given ? `${mdCode(command.given.slice(0, 100))} is not a component id.` : 'Which component?'} ` +
          `Try \`/openness explain <component>\` with one of: ${COMPONENT_IDS.map((id) => `\`${id}\``).join(', ')}.`,
      );
      return;
    case 'unknown':
      await reply(
        octokit,
        repo,
        number,
        `I do not know ${mdCode(`/openness ${command.given.slice(0, 100)}`)}.\n\n${HELP_TEXT}`,
      );
      return;
    case 'help':
      await reply(octokit, repo, number, HELP_TEXT);
  }
}

/** write, maintain or admin. Someone who is not a collaborator at all (404) may not. */
async function canWrite(octokit: Octokit, repo: RepoRef, username: string): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    const role = (data as { role_name?: string }).role_name;
    return ['admin', 'write'].includes(data.permission) || ['admin', 'maintain', 'write'].includes(role ?? '');
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}
