// The shapes every app module passes around, in a module that imports no other of the
// app's: the services, the config loader and publishing all name them.
import type { Context, ProbotOctokit } from 'probot';

/** Any webhook context: the flows only use its octokit, log and config loader. */
export type AnyContext = Context<'push' | 'pull_request' | 'release' | 'check_run' | 'check_suite' | 'issue_comment'>;

export type Octokit = InstanceType<typeof ProbotOctokit>;
