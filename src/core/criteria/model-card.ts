// `model-card`: a card documenting use, limits, training and evaluation. A card that holds
// only the template's placeholders is a mention of a card, not documentation.
import { cardLicense, judgeLicense, mentioned, missing, notApplicable, declared } from './shared.js';
import type { Criterion } from './types.js';

export const modelCard: Criterion = {
  id: 'model-card',
  evaluate(ev) {
    const na = notApplicable(ev, 'model-card');
    if (na) return na;
    const card = ev.card;
    if (!card) return declared(ev, 'model-card') ?? missing();
    const documented = card.sections.filter((s) => s.documented);
    const prose = card.body.replace(/\[more information needed\]/gi, '').replace(/<!--[\s\S]*?-->/g, '').replace(/\s+/g, ' ').trim().length;
    const evidence = [{ kind: 'file' as const, path: card.path }];
    if (documented.length >= 2 || prose >= 600) {
      return judgeLicense('model-card', cardLicense(ev), 'modelCardPresent', { path: card.path, sections: documented.length, frontMatter: card.frontMatter !== null }, evidence);
    }
    return mentioned('modelCardTemplate', evidence, { path: card.path });
  },
};
