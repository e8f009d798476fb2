// `model-architecture`: the code that defines the network — modelling code here (including
// files that `config.json` `auto_map` points at), or an architecture class of an open library.
import { licenseFamily } from '../evidence/licenses.js';
import {
  OPEN_LIBRARIES,
  documentedSections,
  judgeFiles,
  judgeLicense,
  libraryName,
  licenseFactFor,
  mentioned,
  missing,
  sectionEvidence,
} from './shared.js';
import type { Criterion } from './types.js';

export const modelArchitecture: Criterion = {
  id: 'model-architecture',
  evaluate(ev) {
    const code = ev.artifacts.code.architecture;
    if (code.length > 0) return judgeFiles(ev, 'model-architecture', code, 'architectureCode', { count: code.length });
    const cfg = ev.artifacts.modelConfig;
    // The class must belong to an open library the card or the config names: an architecture
    // name alone (`SecretNetForCausalLM`) says nothing about where its code is.
    const lib = libraryName(ev) ?? cfg?.library ?? null;
    const spdx = lib ? OPEN_LIBRARIES[lib] : undefined;
    if (cfg && cfg.architectures.length > 0 && lib && spdx && cfg.autoMap.length === 0) {
      const evidence = [
        { kind: 'file' as const, path: cfg.path, note: `architectures: ${cfg.architectures.join(', ')}` },
      ];
      const fact = licenseFactFor(spdx, licenseFamily(spdx), evidence[0]!);
      return judgeLicense(
        'model-architecture',
        fact,
        'architectureInLibrary',
        { library: lib, architecture: cfg.architectures[0] ?? null },
        evidence,
      );
    }
    if (cfg && cfg.autoMap.length > 0) {
      return mentioned('architectureRemoteCode', [
        { kind: 'file', path: cfg.path, note: `auto_map: ${cfg.autoMap.slice(0, 2).join(', ')}` },
      ]);
    }
    if (cfg && cfg.architectures.length > 0) {
      return mentioned(
        'architectureNamed',
        [{ kind: 'file', path: cfg.path, note: `architectures: ${cfg.architectures.join(', ')}` }],
        { architecture: cfg.architectures[0] ?? null },
      );
    }
    const sections = documentedSections(ev, /\barchitecture\b/);
    return (
      (sections.length > 0 ? mentioned('architectureDescribed', sectionEvidence(ev, sections)) : null) ?? missing()
    );
  },
};
