// `supporting-libraries`: tokenizer files and the environment needed to run or train the model.
import { judgeFiles, missing } from './shared.js';
import type { Criterion } from './types.js';

export const supportingLibraries: Criterion = {
  id: 'supporting-libraries',
  evaluate(ev) {
    const files = [...ev.artifacts.tokenizer, ...ev.artifacts.environment];
    if (files.length > 0) {
      return judgeFiles(ev, 'supporting-libraries', files, 'supportFiles', {
        tokenizer: ev.artifacts.tokenizer.length,
        environment: ev.artifacts.environment.length,
      });
    }
    return missing();
  },
};
