// Terminal output for `truly-open check`: per model the ladder headline first (the one line
// people read), then a component table, the framework verdicts, and the problems.
// Colour is opt-in: the CLI passes `process.stdout.isTTY && !NO_COLOR`, so pipes and logs
// get plain text.
import { COMPONENTS, COMPONENT_IDS } from '../catalog.js';
import type { Problem } from '../evidence/types.js';
import type { ModelReport, Report } from '../report.js';
import {
  componentTitle,
  listWords,
  oneLine,
  padEnd,
  percent,
  truncate,
  verifiedOnlineSentence,
  visibleLength,
} from './format.js';
import { adviceFor } from './advice.js';
import { nextSteps } from './steps.js';
import { LADDER_STYLES, ONLINE_MARK, STATUS_STYLES, mofClassLabel, osaidElementLabel, type Tone } from './symbols.js';

export interface TextOptions {
  color: boolean;
  /** ASCII symbols instead of Unicode ones (for terminals without UTF-8). */
  ascii?: boolean;
  /** Terminal width; messages are cut to fit (never beyond 100 characters). */
  width?: number;
}

const MESSAGE_MAX = 100;
const MESSAGE_MIN = 24;

type Paint = (text: string, tone: Tone | 'bold' | 'dim') => string;

const ANSI: Record<Tone | 'bold' | 'dim', [string, string]> = {
  good: ['\u001b[32m', '\u001b[39m'],
  partial: ['\u001b[33m', '\u001b[39m'],
  bad: ['\u001b[31m', '\u001b[39m'],
  info: ['\u001b[36m', '\u001b[39m'],
  neutral: ['\u001b[90m', '\u001b[39m'],
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
};

function painter(color: boolean): Paint {
  if (!color) return (text) => text;
  return (text, tone) => {
    const [open, close] = ANSI[tone];
    return text === '' ? text : `${open}${text}${close}`;
  };
}

const SEVERITY_TONE: Record<Problem['severity'], Tone> = { error: 'bad', warning: 'partial', note: 'info' };

function componentTable(model: ModelReport, options: TextOptions, paint: Paint): string[] {
  const ellipsis = options.ascii ? '...' : '…';
  const mark = options.ascii ? ONLINE_MARK.ascii : ONLINE_MARK.symbol;
  const rows = COMPONENT_IDS.map((id) => {
    const result = model.components[id];
    const style = STATUS_STYLES[result.status];
    return {
      symbol: options.ascii ? style.ascii : style.symbol,
      tone: style.tone,
      title: COMPONENTS[id].title,
      status: style.label,
      license: result.license ?? '',
      // Leading, so that cutting a long message never drops it.
      message: `${result.verifiedOnline ? `${mark} ` : ''}${oneLine(result.message)}`,
    };
  });
  const titleWidth = Math.max(...rows.map((r) => visibleLength(r.title)));
  const statusWidth = Math.max(...rows.map((r) => visibleLength(r.status)));
  const licenseWidth = Math.max(...rows.map((r) => visibleLength(r.license)));
  // indent + symbol + gaps + columns: what is left of the terminal goes to the message.
  const fixed = 2 + 1 + 2 + titleWidth + 2 + statusWidth + 2 + (licenseWidth > 0 ? licenseWidth + 2 : 0);
  const room = options.width ? Math.max(MESSAGE_MIN, options.width - fixed) : MESSAGE_MAX;
  const messageMax = Math.min(MESSAGE_MAX, room);
  return rows.map((r) => {
    const cells = [
      paint(r.symbol, r.tone),
      padEnd(r.title, titleWidth),
      paint(padEnd(r.status, statusWidth), r.tone),
      ...(licenseWidth > 0 ? [padEnd(r.license, licenseWidth)] : []),
      paint(truncate(r.message, messageMax, ellipsis), 'dim'),
    ];
    return `  ${cells.join('  ')}`.trimEnd();
  });
}

function frameworkLines(model: ModelReport, paint: Paint): string[] {
  const { mof, osaid, osaiIndex } = model.frameworks;
  const progress = `III ${percent(mof.progress['3'])}, II ${percent(mof.progress['2'])}, I ${percent(mof.progress['1'])}`;
  const osaidText = osaid.conformant
    ? paint('conformant', 'good')
    : `${paint('not conformant', 'bad')}; missing ${listWords(osaid.missing.map((e) => osaidElementLabel(e, componentTitle)))}`;
  const score = osaiIndex.score === null ? 'not graded' : osaiIndex.score.toFixed(2);
  const note = (text: string) => `              ${paint(oneLine(text), 'dim')}`;
  return [
    `  MOF         ${paint(mofClassLabel(mof.class), mof.class === null ? 'bad' : 'good')}  (progress ${progress})`,
    ...mof.warnings.map(note),
    `  OSAID 1.0   ${osaidText}`,
    ...osaid.notes.map(note),
    `  OSAI index  ${score}`,
  ];
}

function modelSection(model: ModelReport, options: TextOptions, paint: Paint): string[] {
  const level = LADDER_STYLES[model.ladder.level];
  const lines = [
    `${paint(model.name, 'bold')} ${paint(`(${model.path})`, 'dim')}`,
    // A level the release only claims is neither good nor bad news yet: it is to be confirmed.
    `  ${paint(oneLine(model.ladder.headline), model.ladder.claimed ? 'info' : level.tone)}`,
  ];
  if (model.ladder.cappedBy) {
    const cap = model.ladder.cappedBy;
    lines.push(`  ${paint(`capped by base model ${cap.model} (${LADDER_STYLES[cap.level].words})`, 'dim')}`);
  }
  if (model.requirement) {
    const r = model.requirement;
    const verdict = r.met
      ? paint('met', 'good')
      : r.unverified
        ? paint('not verified', 'info')
        : paint('not met', 'bad');
    lines.push(`  requirement ${r.requirement}: ${verdict}${r.reason ? ` (${oneLine(r.reason)})` : ''}`);
  }
  lines.push('', ...componentTable(model, options, paint));
  const online = verifiedOnlineSentence(model);
  if (online) lines.push(`  ${paint(`${options.ascii ? ONLINE_MARK.ascii : ONLINE_MARK.symbol} ${online}`, 'info')}`);
  lines.push('', ...frameworkLines(model, paint));
  for (const entry of model.lineage ?? []) {
    const known = entry.level ? LADDER_STYLES[entry.level].words : entry.resolved ? 'level unknown' : 'not resolved';
    lines.push(`  base model  ${entry.model} (${known})${entry.note ? ` ${paint(oneLine(entry.note), 'dim')}` : ''}`);
  }
  // The same steps as the Markdown report, terse: what to do next, most important first.
  const steps = nextSteps(model);
  if (steps.length > 0) {
    lines.push('', `  ${paint('Next steps', 'bold')}`);
    steps.forEach((step, i) => {
      const title = COMPONENTS[step.id].title;
      const label = STATUS_STYLES[step.status].label;
      const advice = oneLine(adviceFor(step.id, model.components[step.id]));
      lines.push(`  ${String(i + 1).padStart(2)}. ${title} (${label}; for ${listWords(step.goals)}): ${advice}`);
    });
  }
  return lines;
}

export function renderText(report: Report, options: TextOptions): string {
  const paint = painter(options.color);
  const revision = report.subject.revision ? ` @ ${report.subject.revision.slice(0, 7)}` : '';
  const offline = report.online === false ? ' (offline: nothing verified online)' : '';
  const lines = [
    paint(`truly-open ${report.tool.version}: ${report.subject.location}${revision}${offline}`, 'dim'),
    '',
  ];
  if (report.models.length === 0) lines.push('No model found.', '');
  for (const model of report.models) lines.push(...modelSection(model, options, paint), '');
  if (report.problems.length > 0) {
    lines.push(paint('Problems', 'bold'));
    for (const problem of report.problems) {
      const where = problem.path ? `${problem.path}${problem.line ? `:${problem.line}` : ''}  ` : '';
      const tone = SEVERITY_TONE[problem.severity];
      lines.push(`  ${paint(padEnd(problem.severity, 7), tone)}  ${where}${oneLine(problem.message)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
