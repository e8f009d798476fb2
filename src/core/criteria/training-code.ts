// `training-code`: the full training or fine-tuning pipeline of the released model.
//
// A base model's repository often ships a fine-tuning script for its users ("fine-tune the
// model on your own data / a downstream task") or the training of a chat variant. That code
// adapts the release; it is not the pipeline that produced it, so on its own it makes the
// training code mentioned, not open. A release that is itself a fine-tune (`base_model:`)
// keeps its fine-tuning code as its training code.
import type { ModelEvidence } from '../evidence/gather.js';
import { CODE_SPECS, codeCriterion } from './code.js';
import { cardLinesMatching, fileEvidence, mentioned } from './shared.js';
import type { Verdict } from './types.js';
import { baseModelsOf } from './weights.js';

/** A path that adapts a trained model: fine-tuning, adapters, preference tuning, or a chat / instruct variant's folder. */
const ADAPTATION_PATH_RE = /fine[_-]?tun|(^|[/_.-])(sft|q?lora|peft|adapters?|dpo|rlhf)([/_.-]|$)|(^|\/)(chat|instruct)([_-][^/]*)?\//i;
/** A card line offering fine-tuning to the reader: their own data, a downstream task. */
const FINE_TUNING_FOR_USERS_RE = /^(?=.*\bfine-?tun)(?=.*\b(downstream|your|for users|users can|custom (data|datasets?|tasks?))\b)/i;

export function fineTuningForUsers(ev: ModelEvidence, files: string[]): Verdict | null {
  if (baseModelsOf(ev).length > 0) return null;
  if (!files.every((f) => ADAPTATION_PATH_RE.test(f))) return null;
  const lines = cardLinesMatching(ev, FINE_TUNING_FOR_USERS_RE, 1);
  if (lines.length === 0) return null;
  return mentioned('fineTuningForUsers', [...fileEvidence(files), ...lines], { count: files.length, path: files[0] ?? null });
}

export const trainingCode = codeCriterion({ ...CODE_SPECS[0]!, notThisModels: fineTuningForUsers });
