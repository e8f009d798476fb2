// `training-code`: the full training or fine-tuning pipeline.
import { CODE_SPECS, codeCriterion } from './code.js';

export const trainingCode = codeCriterion(CODE_SPECS[0]!);
