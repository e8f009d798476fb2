// The "what changed" section shared by the check run and the PR comment: one row per
// verdict or component that moved, with before -> after, an arrow for the direction, and
// why: the file or field that changed ("`LICENSE` changed from Apache-2.0 to
// CC-BY-NC-4.0", "`train.py` removed").
import { COMPONENTS, type ComponentId } from '../catalog.js';
import type { Cause, ComponentChange, Direction, ModelDelta, Place, ReportDelta, StepDirection } from '../delta.js';
import { RECIPE } from '../frameworks/ladder.js';
import type { LadderLevel } from '../report.js';
import { listWords, mdCode, mdText, truncate } from './format.js';
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

const LADDER_COMPONENTS: readonly ComponentId[] = ['weights', ...RECIPE];

/** The Why of a ladder row: the weights and recipe components that moved the same way, by name. */
function moved(model: ModelDelta): string {
  const direction = model.ladder.direction;
  if (direction !== 'better' && direction !== 'worse') return '';
  const phrases = LADDER_COMPONENTS.filter((id) =>
    model.components.some((c) => c.id === id && c.direction === direction),
  ).map((id) => COMPONENTS[id].phrase);
  return phrases.length > 0 ? `because of ${listWords(phrases)}` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** How many files or fields that appeared or went away are named per row; the rest are counted. */
const CAUSES_SHOWN = 3;
const MESSAGE_MAX = 120;

/** "`LICENSE`", "`README.md` field `license`", "section “training data” of `README.md`", or the address. */
function placeWords(place: Place): string {
  const file = place.path ? mdCode(place.path) : '';
  if (place.field) return `${file ? `${file} field ` : 'field '}${mdCode(place.field)}`;
  if (place.section) return `section “${mdText(place.section)}”${file ? ` of ${file}` : ''}`;
  if (file) return file;
  return place.url ? mdCode(place.url) : 'the repository';
}

const licenseWords = (license: string | null): string => (license ? mdCode(license) : 'no license');

function factWords(cause: Cause): string {
  switch (cause.kind) {
    case 'license': {
      const where = cause.place ? placeWords(cause.place) : 'the license';
      if (cause.before && cause.after)
        return `${where} changed from ${licenseWords(cause.before)} to ${licenseWords(cause.after)}`;
      if (cause.after) return `${where} now gives ${licenseWords(cause.after)}`;
      return `${licenseWords(cause.before)} no longer applies${cause.place ? ` (${placeWords(cause.place)})` : ''}`;
    }
    case 'added':
      return `${placeWords(cause.place)} added`;
    case 'removed':
      return `${placeWords(cause.place)} removed`;
    case 'message':
      return `was “${mdText(truncate(cause.before, MESSAGE_MAX))}”, now “${mdText(truncate(cause.after, MESSAGE_MAX))}”`;
  }
}

/**
 * The Why cell of a component row. A license that changed is the cause and comes first; a
 * license that only appears or goes away with the files is their consequence, said last
 * ("`train.py` added, under `Apache-2.0`"). Then what went away, then what appeared.
 */
export function whyMarkdown(change: Pick<ComponentChange, 'causes'>): string {
  const license = change.causes.find((c): c is Extract<Cause, { kind: 'license' }> => c.kind === 'license');
  const facts = [
    ...change.causes.filter((c) => c.kind === 'removed'),
    ...change.causes.filter((c) => c.kind === 'added'),
  ];
  const message = change.causes.find((c) => c.kind === 'message');
  const parts: string[] = [];
  const licenseChanged = license && license.before !== null && license.after !== null;
  if (license && (licenseChanged || facts.length === 0)) parts.push(factWords(license));
  const shown = facts.slice(0, CAUSES_SHOWN).map(factWords);
  if (facts.length > shown.length) shown.push(`${facts.length - shown.length} more`);
  parts.push(...shown);
  if (message && parts.length === 0) parts.push(factWords(message));
  const text = listWords(parts);
  return license && !licenseChanged && facts.length > 0 && license.after
    ? `${text}, under ${licenseWords(license.after)}`
    : text;
}

/** Table rows (without header) describing one model's changes. */
export function deltaRows(model: ModelDelta, options: { verdictsOnly?: boolean } = {}): string[] {
  const name = `${mdText(model.name)} (${mdCode(model.path)})`;
  if (model.change === 'added') return [`| ${name} | model added | | ${level(model.ladder.after)} | |`];
  if (model.change === 'removed') return [`| ${name} | model removed | ${level(model.ladder.before)} | | |`];
  const rows: string[] = [];
  if (model.ladder.before !== model.ladder.after) {
    const before = level(model.ladder.before);
    const after = level(model.ladder.after);
    rows.push(`| ${name} | ${ARROW[model.ladder.direction]}ladder | ${before} | ${after} | ${moved(model)} |`);
  }
  if (model.mof.before !== model.mof.after) {
    rows.push(
      `| ${name} | ${ARROW[model.mof.direction]}MOF | ${mofClassShort(model.mof.before)} | ${mofClassShort(model.mof.after)} | |`,
    );
  }
  if (model.osaid.before !== model.osaid.after) {
    rows.push(
      `| ${name} | ${ARROW[model.osaid.direction]}OSAID | ${osaid(model.osaid.before)} | ${osaid(model.osaid.after)} | |`,
    );
  }
  if (options.verdictsOnly) {
    if (model.components.length > 0) {
      const moved = model.components.length;
      rows.push(`| ${name} | ${moved} component${moved === 1 ? '' : 's'} changed | | | |`);
    }
    return rows;
  }
  for (const c of model.components) {
    const before = `${STATUS_STYLES[c.before].symbol} ${STATUS_STYLES[c.before].label}`;
    const after = `${STATUS_STYLES[c.after].symbol} ${STATUS_STYLES[c.after].label}`;
    rows.push(
      `| ${name} | ${ARROW[c.direction]}${mdText(COMPONENTS[c.id].title)} | ${before} | ${after} | ${whyMarkdown(c)} |`,
    );
  }
  return rows;
}

export const DELTA_TABLE_HEADER = '| Model | What | Before | After | Why |\n|---|---|---|---|---|';

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
