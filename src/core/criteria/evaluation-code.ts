// `evaluation-code`: the code that produced the reported numbers.
import { CODE_SPECS, codeCriterion } from './code.js';

export const evaluationCode = codeCriterion(CODE_SPECS[2]!);
