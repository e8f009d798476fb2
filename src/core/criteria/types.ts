import type { ComponentId, Status } from '../catalog.js';
import type { ModelEvidence } from '../evidence/gather.js';
import type { Evidence } from '../evidence/types.js';
import type { Claim } from '../report.js';

export type { Claim } from '../report.js';

export type MessageData = Record<string, string | number | boolean | null>;

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
