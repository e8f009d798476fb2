// Slash commands in pull-request comments. Pure: the handler does the I/O.
// Only a comment whose first non-empty line starts with `/openness` is a command, so a
// quote of a command inside a longer discussion does not trigger work.
import { COMPONENT_IDS, type ComponentId } from '../core/catalog.js';

export type Command =
  | { kind: 'recheck' }
  | { kind: 'explain'; component: ComponentId }
  | { kind: 'explain-unknown'; given: string }
  | { kind: 'help' }
  | { kind: 'unknown'; given: string };

export const COMMAND_PREFIX = '/openness';

export function parseCommand(body: string): Command | null {
  const line = body.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  const [prefix, verb = '', ...args] = line.split(/\s+/);
  if (prefix?.toLowerCase() !== COMMAND_PREFIX) return null;
  switch (verb.toLowerCase()) {
    case 'recheck':
      return { kind: 'recheck' };
    case '':
    case 'help':
      return { kind: 'help' };
    case 'explain': {
      const given = (args[0] ?? '').toLowerCase().replace(/`/g, '');
      const id = (COMPONENT_IDS as readonly string[]).includes(given) ? (given as ComponentId) : null;
      return id ? { kind: 'explain', component: id } : { kind: 'explain-unknown', given };
    }
    default:
      return { kind: 'unknown', given: verb };
  }
}

export const HELP_TEXT = [
  '**truly-open commands** (people with write access to this repository):',
  '',
  '- `/openness recheck` evaluates the head of this pull request again.',
  '- `/openness explain <component>` says what a component is, what was found for it here and how to publish it.',
  `  Components: ${COMPONENT_IDS.map((id) => `\`${id}\``).join(', ')}.`,
  '- `/openness help` shows this list.',
].join('\n');
