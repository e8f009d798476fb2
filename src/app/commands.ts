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
  const line =
    body
      .split(/\r?\n/)
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
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

/**
 * Keeps slash commands from turning into work without bound: per PR, at most one
 * `recheck` (and one `explain` per component) waits in the queue at a time: a second one
 * would evaluate the same current head. `help` and the replies that include it are sent
 * once per PR per period. `now` is injectable for tests.
 */
export class CommandGate {
  readonly #waiting = new Set<string>();
  readonly #replied = new Map<string, number>();
  constructor(
    readonly periodMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether to act on `command` for the PR `pr`; a queued one counts until `started`. */
  admit(pr: string, command: Command): boolean {
    const key = gateKey(pr, command);
    if (command.kind === 'recheck' || command.kind === 'explain') {
      if (this.#waiting.has(key)) return false;
      this.#waiting.add(key);
      return true;
    }
    const last = this.#replied.get(key);
    if (last !== undefined && this.now() - last < this.periodMs) return false;
    this.#replied.set(key, this.now());
    if (this.#replied.size > 5000) {
      const oldest = this.#replied.keys().next().value;
      if (oldest !== undefined) this.#replied.delete(oldest);
    }
    return true;
  }

  /** The queued command has started: another one may queue behind it. */
  started(pr: string, command: Command): void {
    this.#waiting.delete(gateKey(pr, command));
  }
}

function gateKey(pr: string, command: Command): string {
  if (command.kind === 'recheck') return `${pr}:recheck`;
  if (command.kind === 'explain') return `${pr}:explain:${command.component}`;
  return `${pr}:reply`;
}
