import type { ComponentId, Status } from '../catalog.js';
import type { ModelEvidence } from '../evidence/gather.js';
import type { Evidence } from '../evidence/types.js';

export type MessageData = Record<string, string | number | boolean | null>;

/**
 * What a component would be if a pointer to it held: a link that was not followed (offline,
 * or a host that is never looked up), a declaration in the configuration, or a lookup that
 * failed. It never changes the status; it feeds the level the release *claims*.
 */
export interface Claim {
  /** Judged from the license the pointer names, or the one that governs the component here; open when no terms are known yet. */
  status: 'open' | 'restricted' | 'unlicensed';
  license: string | null;
  via: 'link' | 'declaration' | 'lookup-failed';
  /** Where it is said to be: `hub` / `github` ids, any other address (`web`), or the configuration. */
  host: 'hub' | 'github' | 'web' | 'config';
  /** The id or address, as short as it can be said. */
  target: string;
}

/** What a criterion decides for one component of one model. Wording lives in core/messages.ts. */
export interface Verdict {
  status: Status;
  messageId: string;
  data?: MessageData;
  license: string | null;
  evidence: Evidence[];
  verifiedOnline?: boolean;
  claim?: Claim;
}

export interface Criterion {
  id: ComponentId;
  evaluate(ev: ModelEvidence): Verdict;
}
