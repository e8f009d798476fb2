// `model-card`: a card documenting use, limits, training and evaluation. A card that holds
// only the template's placeholders is a mention of a card, not documentation; a card that
// leaves out most of the four topics is incomplete (reported as mentioned, with what is missing).
import { prose } from '../evidence/model-card.js';
import { stripComments, stripFencedCode } from '../evidence/strip.js';
import type { ModelCard } from '../evidence/types.js';
import { joinPhrases } from '../frameworks/ladder.js';
import { cardLicense, judgeLicense, mentioned, missing } from './shared.js';
import type { Criterion } from './types.js';
import { rx } from '../rx.js';

/**
 * The topics of a model card, each found by a documented heading or by wording in the
 * card's prose: Hugging Face's template asks for intended use, limitations, training and
 * evaluation; the experts (the European index's rubric, MOF's description) ask for insight
 * into the architecture, the training, the evaluation and the limitations.
 */
export const CARD_TOPICS: { topic: string; heading: RegExp; text: RegExp }[] = [
  {
    topic: 'intended use',
    heading: rx()`
        \b(intended|uses?|use cases?|direct use|downstream|out of scope|applications?|how to use|usage|quick ?start|
        get(ting)? started|inference)\b`,
    text: /\b(intended (use|for)|use cases?|out-of-scope|not intended|designed for|can be used (for|to))\b/i,
  },
  {
    topic: 'architecture',
    heading: /\b(architecture|model (details|description|summary|type|overview|structure)|network|design)\b/,
    text: rx('i')`
      \b(decoder-only|encoder-decoder|(causal|autoregressive|diffusion|mixture-of-experts|moe) (language )?(model|
      transformer)|transformer (architecture|decoder|encoder)|\d+ (transformer )?layers|(attention|hidden) (heads|
      size|dimension)|hidden[_ ]size|num[_ ]layers|(rotary|positional) (embeddings?|encoding)|
      grouped[- ]query attention|parameters? (model|count))\b`,
  },
  {
    // "Weights & Biases" is a logging tool, `ln.bias` a parameter name and a bare "bias" as
    // often an offset as a prejudice, and "limitations under the License" is the Apache
    // notice: none of them speaks of the model's limitations.
    topic: 'limitations',
    heading: rx()`
        \b(limitations?|(?<!weights (and )?)bias\w*|risks?|safety|ethic\w*|harms?|disclaimers?|responsible|caveats?|
        known issues)\b`,
    text: rx('i')`
      \b(limitations?(?! under the license)|(?<!\.)(?<!weights (&|and) )bias(es|ed)|(social|societal|gender|racial|
      cultural|demographic|political|harmful|unintended|potential|inherent) bias|(exhibit|contain|reflect|reproduce|
      amplify|perpetuate|inherit)(s|ed|ing)? (\w+ )?bias|bias (against|toward|towards)|may (produce|generate)|
      hallucinat\w*|harmful|toxic\w*|not suitable|disclaimer)\b`,
  },
  {
    topic: 'training',
    heading: /\b(training|pre-?training|fine-?tuning|data\w*|corpus|recipe|methodology)\b/,
    text: /\b(trained on|pre-?trained on|fine-?tuned on|training data|training tokens)\b/i,
  },
  {
    topic: 'evaluation',
    heading: /\b(eval\w*|benchmarks?|results?|performance|metrics?|leaderboard)\b/,
    text: /\b(benchmark|evaluat\w+ on|accuracy|pass@1|MMLU|HumanEval|GSM8K|WER|BLEU)\b/i,
  },
];

const STEP_RE = rx('i')`
    ^\s*(\d+[.)]|[-*+])?\s*(\*\*)?(run|install|download|clone|set|put|open|create|edit|change|copy|execute|launch|
    start|inside|first,?|then|next|finally|once|after|to (train|evaluate|run|use|fine-?tune|reproduce)|you (need|
    should|can|must|will|may))\b`;

/** A section that is a procedure: code or commands, and steps for most of its prose lines. */
export function instructionsOnly(body: string): boolean {
  if (!/```|~~~|^\s*\$ /m.test(body)) return false;
  const lines = stripFencedCode(body)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('!['));
  return lines.filter((l) => STEP_RE.test(l)).length * 2 >= lines.length;
}

export function cardTopics(card: ModelCard): { covered: string[]; uncovered: string[] } {
  const covered: string[] = [];
  const uncovered: string[] = [];
  // Topic words count in prose only: not in template comments, headings or empty fields.
  // Code blocks and link targets (`#weights--biases`) are not prose.
  const body = stripFencedCode(stripComments(card.body))
    .replace(/\]\([^()[\]\s]*\)/g, ']')
    .replace(/^\s{0,3}#{1,6}\s.*$/gm, '')
    .replace(/^.*\[more information needed\].*$/gim, '');
  // A section of commands and steps ("1. Install … 2. run `python train.py`") tells a reader
  // how to train or evaluate, not how the model was: no insight into those topics. (How to
  // use the model is what a usage section is for: it still documents intended use.)
  const documented = card.sections.filter((s) => s.documented);
  const descriptive = documented.filter((s) => !instructionsOnly(s.ownBody));
  for (const t of CARD_TOPICS) {
    const byHeading = (t.topic === 'intended use' ? documented : descriptive).some((s) => t.heading.test(s.heading));
    (byHeading || t.text.test(body) ? covered : uncovered).push(t.topic);
  }
  return { covered, uncovered };
}

export const modelCard: Criterion = {
  id: 'model-card',
  evaluate(ev) {
    const card = ev.card;
    if (!card) return missing();
    const documented = card.sections.filter((s) => s.documented);
    const text = prose(card.body).length;
    const evidence = [{ kind: 'file' as const, path: card.path }];
    if (documented.length < 2 && text < 600) return mentioned('modelCardTemplate', evidence, { path: card.path });
    const { covered, uncovered } = cardTopics(card);
    // The experts' threshold: a page that gives insight into at most one of architecture,
    // training, evaluation and limitations (usually a usage and licensing page) is not a
    // model card. A card is complete with three of the template's four topics.
    const insight = covered.filter((t) => t !== 'intended use');
    const template = covered.filter((t) => t !== 'architecture');
    const data = {
      path: card.path,
      covered: covered.length > 0 ? joinPhrases(covered) : 'none of the standard topics',
      uncovered: joinPhrases(uncovered),
    };
    if (insight.length <= 1)
      return missing(
        'modelCardUsageOnly',
        { ...data, covered: insight.length > 0 ? joinPhrases(insight) : 'none of the standard topics' },
        evidence,
      );
    if (template.length >= 3) {
      return judgeLicense(
        'model-card',
        cardLicense(ev),
        'modelCardPresent',
        {
          path: card.path,
          sections: documented.length,
          frontMatter: card.frontMatter !== null,
          missingTopics: uncovered.join(', '),
        },
        evidence,
      );
    }
    return mentioned('modelCardIncomplete', evidence, data);
  },
};
