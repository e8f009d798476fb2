// issue_comment.created on a pull request -> `/openness recheck | explain <id> | help`.
// Only people with write, maintain or admin permission trigger work; others get one
// polite reply per PR (remembered in memory) and nothing runs. Bots and edits are ignored.
import type { Context } from 'probot';
import { COMPONENT_IDS } from '../../core/catalog.js';
import { mdCode } from '../../core/render/format.js';
import { HELP_TEXT, parseCommand, type Command } from '../commands.js';
import { assessOnly } from '../evaluate.js';
import { explainComponent } from '../explain.js';
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
 * 1. permission  2. reaction  3. the command: recheck (the PR flow), explain (snapshot,
 * config, assess, reply) or help.
 */
export async function runCommand(context: Context<'issue_comment.created'>, svc: Services, command: Command): Promise<void> {
  const { payload, octokit } = context;
  const repo = { owner: payload.repository.owner.login, repo: payload.repository.name };
  const number = payload.issue.number;
  const user = payload.comment.user?.login ?? payload.sender.login;

  if (!(await canWrite(octokit, repo, user))) {
    if (svc.refused.add(`${prKey(repo.owner, repo.repo, number)}:${user}`)) {
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
  await react(octokit, repo, payload.comment.id, command.kind === 'recheck' || command.kind === 'explain' ? 'eyes' : '+1');

  switch (command.kind) {
    case 'recheck': {
      const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
      const generation = svc.generations.next(prKey(repo.owner, repo.repo, number));
      await evaluatePullRequest(context, svc, prTarget(pull, payload.repository), generation);
      return;
    }
    case 'explain': {
      const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
      const report = await assessOnly(context, svc, repo, pull.head.sha);
      await reply(octokit, repo, number, explainComponent(command.component, report, svc.docsBaseUrl));
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
      await reply(octokit, repo, number, `I do not know ${mdCode(`/openness ${command.given.slice(0, 100)}`)}.\n\n${HELP_TEXT}`);
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
