// `training-code`: the full training or fine-tuning pipeline of the released model.
//
// A base model's repository often ships a fine-tuning script for its users ("fine-tune the
// model on your own data / a downstream task"), a LoRA colab, or the tuning of a chat
// variant. That code adapts the release; it is not the pipeline that produced it, so on its
// own it makes the training code mentioned, not open. A release that is itself a fine-tune
// (`base_model:`) keeps its fine-tuning code as its training code.
import type { ModelEvidence } from '../evidence/gather.js';
import { notReleaseFolder } from '../evidence/paths.js';
import { CODE_SPECS, codeCriterion } from './code.js';
import { cardLinesMatching, fileEvidence, mentioned } from './shared.js';
import type { Verdict } from './types.js';
import { baseModelsOf } from './weights.js';
import { rx } from '../rx.js';

/**
 * A path that adapts a trained model rather than training it: fine-tuning, adapters and
 * prompt tuning, preference and reinforcement tuning, a chat or instruct variant's folder,
 * or what is offered to users to try (colabs, notebooks, examples, demos, tutorials).
 */
const ADAPTATION_PATH_RE = rx('i')`
    fine[_-]?tun|(^|[/_.-])(sft|q?lora|peft|adapters?|dpo|rlhf|p-?tuning|ptuning|prefix[_-]?tuning|grpo|ppo|orpo|kto|
    reward[_-]?model\w*|distill\w*)([/_.-]|$)|(^|\/)(chat|instruct)([_-][^/]*)?\/|(^|\/)(colabs?|notebooks?|examples?|
    demos?|tutorials?|cookbooks?)\/|\.ipynb$`;
/**
 * Code or configuration that names pre-training: a script, or anything in a pre-training folder
 * (`pretrain/params/phase1.yaml`); not a figure of it.
 */
const PRETRAINING_RE =
  /(^|[/_-])pre[_-]?train(ing)?([/_.-]|$)[^]*\.(py|sh|bash|slurm|sbatch|ya?ml|json|toml|gin|cfg|ini|jsonnet)$/i;

/**
 * Training code that only adapts the model (fine-tuning scripts, LoRA or P-tuning, colabs
 * and demos), with no trace of pre-training anywhere in the tree, is not the pipeline that
 * produced the release: the experts rate "only fine-tuning examples for users" partial. A
 * release that is itself a fine-tune (`base_model:`) keeps its fine-tuning code.
 */
export function adaptationOnly(ev: ModelEvidence, files: string[]): Verdict | null {
  if (baseModelsOf(ev).length > 0) return null;
  if (!files.every((f) => ADAPTATION_PATH_RE.test(f))) return null;
  if (
    ev.entries.some(
      (e) => PRETRAINING_RE.test(e.path) && !notReleaseFolder(e.path.slice(0, Math.max(0, e.path.lastIndexOf('/')))),
    )
  )
    return null;
  const lines = cardLinesMatching(ev, FINE_TUNING_FOR_USERS_RE, 1);
  return mentioned('fineTuningForUsers', [...fileEvidence(files), ...lines], {
    count: files.length,
    path: files[0] ?? null,
  });
}

/** A card line offering fine-tuning to the reader: their own data, a downstream task (shown as evidence). */
const FINE_TUNING_FOR_USERS_RE =
  /^(?=.*\bfine-?tun)(?=.*\b(downstream|your|for users|users can|custom (data|datasets?|tasks?))\b)/i;

export const trainingCode = codeCriterion({ ...CODE_SPECS[0]!, notThisModels: adaptationOnly });
