// The "what changed" section shared by the check run and the PR comment: one row per
// verdict or component that moved, with before -> after and an arrow for the direction.
import { COMPONENTS } from '../catalog.js';
import type { Direction, ModelDelta, ReportDelta, StepDirection } from '../delta.js';
import type { LadderLevel } from '../report.js';
import { mdCode, mdText } from './format.js';
import { LADDER_STYLES, STATUS_STYLES, mofClassShort } from './symbols.js';

const ARROW: Record<StepDirection | 'same', string> = { better: '▲ ', worse: '▼ ', neutral: '', same: '' };

const level = (l: LadderLevel | null): string => (l === null ? '—' : LADDER_STYLES[l].title);
const osaid = (c: boolean | null): string => (c === null ? '—' : c ? 'conformant' : 'not conformant');

export function directionSentence(delta: ReportDelta): string {
  if (!delta.hasBase) return 'No earlier report to compare with.';
  const worse = delta.models.filter((m) => m.regressed).length;
  const better = delta.models.filter((m) => m.direction === 'better' || m.direction === 'mixed').length;
  const sentences: Record<Direction, string> = {
    better: `**More open**: ${plural(better, 'model')} improved, nothing got worse.`,
    worse: `**Less open**: ${plural(worse, 'model')} lost openness.`,
    mixed: `**Mixed**: some things became more open, and ${plural(worse, 'model')} lost openness somewhere.`,
    same: 'No change in openness.',
  };
  let text = sentences[delta.direction];
  const moved = [
    delta.added.length > 0 ? `${plural(delta.added.length, 'model')} added` : '',
    delta.removed.length > 0 ? `${plural(delta.removed.length, 'model')} removed` : '',
  ].filter(Boolean);
  if (moved.length > 0) text += ` (${moved.join(', ')})`;
  return text;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Table rows (without header) describing one model's changes. */
export function deltaRows(model: ModelDelta, options: { verdictsOnly?: boolean } = {}): string[] {
  const name = `${mdText(model.name)} (${mdCode(model.path)})`;
  if (model.change === 'added') return [`| ${name} | model added | | ${level(model.ladder.after)} |`];
  if (model.change === 'removed') return [`| ${name} | model removed | ${level(model.ladder.before)} | |`];
  const rows: string[] = [];
  if (model.ladder.before !== model.ladder.after) {
    rows.push(`| ${name} | ${ARROW[model.ladder.direction]}ladder | ${level(model.ladder.before)} | ${level(model.ladder.after)} |`);
  }
  if (model.mof.before !== model.mof.after) {
    rows.push(`| ${name} | ${ARROW[model.mof.direction]}MOF | ${mofClassShort(model.mof.before)} | ${mofClassShort(model.mof.after)} |`);
  }
  if (model.osaid.before !== model.osaid.after) {
    rows.push(`| ${name} | ${ARROW[model.osaid.direction]}OSAID | ${osaid(model.osaid.before)} | ${osaid(model.osaid.after)} |`);
  }
  if (options.verdictsOnly) {
    if (model.components.length > 0) {
      const moved = model.components.length;
      rows.push(`| ${name} | ${moved} component${moved === 1 ? '' : 's'} changed | | |`);
    }
    return rows;
  }
  for (const c of model.components) {
    const before = `${STATUS_STYLES[c.before].symbol} ${STATUS_STYLES[c.before].label}`;
    const after = `${STATUS_STYLES[c.after].symbol} ${STATUS_STYLES[c.after].label}`;
    rows.push(`| ${name} | ${ARROW[c.direction]}${mdText(COMPONENTS[c.id].title)} | ${before} | ${after} |`);
  }
  return rows;
}

export const DELTA_TABLE_HEADER = '| Model | What | Before | After |\n|---|---|---|---|';

/** The whole section; `maxRows` bounds the table for size-capped bodies. */
export function deltaMarkdown(
  delta: ReportDelta,
  options: { heading?: string; maxRows?: number; verdictsOnly?: boolean } = {},
): string {
  const heading = options.heading ?? '###';
  const rows = delta.models.flatMap((m) => deltaRows(m, { verdictsOnly: options.verdictsOnly }));
  const parts = [`${heading} What this change does`, directionSentence(delta)];
  if (delta.hasBase && rows.length > 0) {
    const max = options.maxRows ?? rows.length;
    const shown = rows.slice(0, max);
    const more = rows.length - shown.length;
    parts.push(`${DELTA_TABLE_HEADER}\n${shown.join('\n')}${more > 0 ? `\n\n… ${more} more changes not shown` : ''}`);
  }
  return parts.join('\n\n');
}
