// `training-config`: the recipe's settings with real values — config files, trainer state,
// or a hyperparameters section in the card. A heading without numbers is only a mention.
import { hyperparameterGroups } from '../evidence/artifacts.js';
import {
  cardLicense,
  documentedSections,
  judgeFiles,
  judgeLicense,
  mentioned,
  missing,
  sectionEvidence,
} from './shared.js';
import type { Criterion } from './types.js';

const HYPER_HEADING = /\b(hyper-?param\w*|training (procedure|details|setup|settings|configuration|recipe)|training)\b/;

export const trainingConfig: Criterion = {
  id: 'training-config',
  evaluate(ev) {
    const configs = ev.artifacts.trainingConfigs;
    if (configs.length > 0) {
      const groups = [...new Set(configs.flatMap((c) => c.groups))];
      return judgeFiles(
        ev,
        'training-config',
        configs.map((c) => c.path),
        'configFiles',
        { count: configs.length, groups: groups.join(', ') },
      );
    }
    if (ev.artifacts.trainingStateFiles.length > 0) {
      return judgeFiles(ev, 'training-config', ev.artifacts.trainingStateFiles, 'trainerState', {
        count: ev.artifacts.trainingStateFiles.length,
      });
    }
    const sections = documentedSections(ev, HYPER_HEADING);
    const withValues = sections.filter(
      (s) => hyperparameterGroups(s.body.replace(/^[ \t]*[-*][ \t]*/gm, '')).length >= 2,
    );
    if (withValues.length > 0) {
      const groups = hyperparameterGroups(withValues.map((s) => s.body.replace(/^[ \t]*[-*][ \t]*/gm, '')).join('\n'));
      return judgeLicense(
        'training-config',
        cardLicense(ev, 'data'),
        'hyperparametersInCard',
        { groups: groups.join(', ') },
        sectionEvidence(ev, withValues),
      );
    }
    const hyper = sections.filter((s) => /hyper/.test(s.heading));
    return (
      (hyper.length > 0 ? mentioned('hyperparametersWithoutValues', sectionEvidence(ev, hyper)) : null) ?? missing()
    );
  },
};
