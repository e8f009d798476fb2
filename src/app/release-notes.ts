// The "Openness" section of release notes, kept between markers so that a re-evaluation
// replaces it instead of appending a second one. Pure.
import { mdCode, mdText } from '../core/render/format.js';
import type { Report } from '../core/report.js';

export const NOTES_START = '<!-- truly-open:start -->';
export const NOTES_END = '<!-- truly-open:end -->';

const LEVEL_WORDS: Record<string, string> = {
  'open-source': 'open source',
  'open-weights': 'open weights',
  'restricted-weights': 'restricted weights',
  closed: 'closed',
};

export function renderNotesSection(report: Report, checkRunUrl?: string): string {
  const lines = ['## Openness', ''];
  for (const model of report.models) {
    const mof =
      model.frameworks.mof.class === null
        ? 'no MOF class'
        : `MOF Class ${['', 'I', 'II', 'III'][model.frameworks.mof.class]}`;
    const osaid = model.frameworks.osaid.conformant ? 'OSAID conformant' : 'not OSAID conformant';
    const label = report.models.length > 1 ? `**${mdText(model.name)}** (${mdCode(model.path)}): ` : '';
    lines.push(`- ${label}${mdText(model.ladder.headline)} (${levelWords(model.ladder.level)}; ${mof}; ${osaid})`);
  }
  if (report.models.length === 0) lines.push('No model was found in this release.');
  if (checkRunUrl) lines.push('', `Details: ${checkRunUrl}`);
  return lines.join('\n');
}

/** The body with the section put in place of the old one, or appended when there was none. */
export function upsertNotesSection(body: string | null | undefined, section: string): string {
  const current = body ?? '';
  const block = `${NOTES_START}\n${section}\n${NOTES_END}`;
  const start = current.indexOf(NOTES_START);
  const end = start === -1 ? -1 : current.indexOf(NOTES_END, start);
  if (start !== -1 && end !== -1) {
    return current.slice(0, start) + block + current.slice(end + NOTES_END.length);
  }
  // trimEnd, not /\s+$/: the body is anyone's text, and that regex is quadratic on a long
  // run of spaces that does not end the body.
  return current.trim() === '' ? block : `${current.trimEnd()}\n\n${block}`;
}

function levelWords(level: string): string {
  return LEVEL_WORDS[level] ?? level;
}
