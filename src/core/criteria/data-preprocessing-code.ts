// `data-preprocessing-code`: the code that cleans, filters, deduplicates and tokenises the data.
import { CODE_SPECS, codeCriterion } from './code.js';

export const dataPreprocessingCode = codeCriterion(CODE_SPECS[1]!);
