// What every handler shares for the life of the app: who we are, and the in-memory
// bookkeeping that keeps webhook traffic orderly (see runtime.ts).
import type { Context, Probot } from 'probot';
import { DEFAULT_DOCS_BASE_URL } from '../core/render/links.js';
import { hubOptionsFromEnv, type ResolveOptions } from '../sources/hub/resolve.js';
import { AppIdentity } from './identity.js';
import { BoundedSet, Generations, KeyedQueue, TtlCache } from './runtime.js';
import { version } from '../version.js';

export interface Services {
  identity: AppIdentity;
  /** Delivery ids already handled (GitHub redelivers; replicas behind a balancer may too). */
  deliveries: BoundedSet;
  queue: KeyedQueue;
  generations: Generations;
  /** `repo#pr:user` pairs already told they may not run commands. */
  refused: BoundedSet;
  /**
   * The organisation `.github` config per owner (null: none), for 5 minutes: without it every
   * push to a repository without its own config file costs a fifth request.
   */
  orgConfigs: TtlCache<unknown>;
  docsBaseUrl: string;
  version: string;
  /** Hugging Face Hub / GitHub lookups: off with TRULY_OPEN_OFFLINE=true; HF_ENDPOINT and HF_TOKEN apply. */
  online: { enabled: boolean; hub: Pick<ResolveOptions, 'hfEndpoint' | 'hfToken'> };
}

export function createServices(app: Probot, env: NodeJS.ProcessEnv = process.env): Services {
  return {
    identity: new AppIdentity(app),
    deliveries: new BoundedSet(5000),
    queue: new KeyedQueue(),
    generations: new Generations(),
    refused: new BoundedSet(5000),
    orgConfigs: new TtlCache<unknown>(5 * 60_000),
    docsBaseUrl: env.DOCS_BASE_URL || DEFAULT_DOCS_BASE_URL,
    version: version(),
    online: { enabled: env.TRULY_OPEN_OFFLINE !== 'true', hub: hubOptionsFromEnv(env) },
  };
}

/** Any webhook context: the flows only use its octokit, log and config loader. */
export type AnyContext = Context<'push' | 'pull_request' | 'release' | 'check_run' | 'check_suite' | 'issue_comment'>;

export const prKey = (owner: string, repo: string, number: number): string => `${owner}/${repo}#${number}`;
