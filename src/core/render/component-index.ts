// The table of docs/components/README.md, built from the catalog so the index cannot
// fall out of step with the ids. scripts/gen-docs.mjs writes it; test/docs.test.ts checks it.
import { COMPONENT_IDS, COMPONENTS, type ComponentMeta } from '../catalog.js';
import { MOF_CLASS_NAMES } from '../frameworks/requirements.js';

const ROMAN = { 1: 'I', 2: 'II', 3: 'III' } as const;

function mofCell(meta: ComponentMeta): string {
  if (meta.mofClass === null) return 'not counted';
  const cls = `Class ${ROMAN[meta.mofClass]}`;
  return meta.mofOptional ? `${cls}, optional` : `${cls}, required`;
}

/** Markdown table cells must not contain a bare `|` or a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

export function renderComponentIndex(): string {
  const rows = COMPONENT_IDS.map((id) => {
    const meta = COMPONENTS[id];
    return `| [${cell(meta.title)}](${id}.md) | \`${id}\` | ${meta.kind} | ${mofCell(meta)} | ${cell(meta.question)} |`;
  });
  const classes = ([3, 2, 1] as const).map((n) => `Class ${ROMAN[n]} "${MOF_CLASS_NAMES[n]}"`).join(', ');
  return [
    '<!-- Generated from src/core/catalog.ts by scripts/gen-docs.mjs. Edit the catalog, not this file. -->',
    '# Components',
    '',
    'truly-open judges a model release one component at a time. Each page says what the',
    'component is, why someone rebuilding the model needs it, what truly-open accepts as',
    'evidence, which status it can get, and how to publish it.',
    '',
    '| Component | Id | Kind | MOF | Question answered |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Kind decides which licenses count as open: software licenses for code, open data or',
    'software licenses for data and weights, either for documents.',
    `MOF classes are cumulative: ${classes}.`,
    'Optional components are reported but never block a class.',
    'The statuses a component can get are defined in [the report format](../report-format.md#statuses).',
    '',
  ].join('\n');
}
