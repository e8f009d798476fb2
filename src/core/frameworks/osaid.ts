// OSI Open Source AI Definition 1.0: code, parameters and data information, all three.
import type { ComponentId } from '../catalog.js';
import type { OsaidVerdict } from '../report.js';
import type { LicenseFamily } from '../evidence/types.js';

export const OSAID_CODE: ComponentId[] = [
  'data-preprocessing-code',
  'training-code',
  'inference-code',
  'supporting-libraries',
  'model-architecture',
];

export interface OsaidInput {
  status: Record<ComponentId, string>;
  /** Family of the license behind each open component (OSI-approved required for code). */
  family: Partial<Record<ComponentId, LicenseFamily | null>>;
  /** The data card covers provenance, selection and processing, or open training data comes with dataset cards. */
  dataInformation: boolean;
}

export function evaluateOsaid(input: OsaidInput): OsaidVerdict {
  const missing: string[] = [];
  const notes: string[] = [];
  for (const id of OSAID_CODE) {
    const st = input.status[id];
    if (st === 'not-applicable') continue;
    const fam = input.family[id];
    if (st !== 'open' || (fam !== undefined && fam !== null && fam !== 'osi')) missing.push(id);
  }
  if (input.status['weights'] !== 'open') missing.push('weights');
  if (!input.dataInformation) missing.push('data-information');
  if (input.status['evaluation-code'] !== 'open' && input.status['evaluation-code'] !== 'not-applicable') {
    notes.push('evaluation code is not open (named as an example by OSAID; reported, not blocking)');
  }
  return { conformant: missing.length === 0, missing, notes };
}
