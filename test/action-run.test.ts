// The action's run() in process, on workspaces built here: an invalid config file fails the
// step as bad input, problem paths of an explicit config file are workspace paths, and the
// report dumped to the log cannot issue workflow commands.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { run } from '../src/action/main.js';

const CARD = [
  '---',
  'license: apache-2.0',
  'library_name: transformers',
  '---',
  '# Tiny',
  '',
  'A small model.',
  '',
].join('\n');

let workspace: string;
let outside: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'truly-open-ws-'));
  outside = mkdtempSync(join(tmpdir(), 'truly-open-outside-'));
});
afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

async function action(
  inputs: Record<string, string>,
): Promise<{ code: number; lines: string[]; summary: string; outputs: string }> {
  const summary = join(outside, 'summary.md');
  const output = join(outside, 'output.txt');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    RUNNER_TEMP: outside,
    INPUT_OFFLINE: 'true',
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const lines: string[] = [];
  // The CLI resolves relative targets against the process's directory: run from there.
  const code = await run({ env, cwd: process.cwd(), stdout: (line) => lines.push(line) });
  return { code, lines, summary: readFileSync(summary, 'utf8'), outputs: readFileSync(output, 'utf8') };
}

const model = { 'models/m/README.md': CARD, 'models/m/model.safetensors': 'x'.repeat(2048) };

describe('an invalid config file', () => {
  it('fails the step with exit 2 after reporting, instead of passing with no requirement applied', async () => {
    write(workspace, { ...model, 'models/m/.github/truly-open.yml': 'require: open-wieghts\n' });

    const result = await action({ path: 'models/m' });

    expect(result.code).toBe(2);
    // The report still went out: summary and outputs, then the error.
    expect(result.summary).toMatch(/Tiny|open/i);
    expect(result.outputs).toMatch(/^level=/m);
    expect(result.lines.at(-1)).toMatch(
      /^::error title=truly-open::invalid configuration in models\/m\/.github\/truly-open.yml \(1 error\)/,
    );
    expect(result.lines).toContainEqual(
      expect.stringMatching(/^::error file=models\/m\/.github\/truly-open.yml,line=1,/),
    );
  });

  it('given by the config input, is annotated at its workspace path, not under the scanned folder', async () => {
    write(workspace, { ...model, 'cfg/x.yml': 'comment: never\nrequire: open-wieghts\n' });

    const result = await action({ path: 'models/m', config: 'cfg/x.yml' });

    expect(result.code).toBe(2);
    const problem = result.lines.find((l) => l.startsWith('::error file='));
    expect(problem).toMatch(/^::error file=cfg\/x.yml,line=2,/);
    expect(result.lines.at(-1)).toMatch(/invalid configuration in cfg\/x.yml/);
  });

  it('outside the workspace, is annotated without a file GitHub could not show', async () => {
    write(workspace, model);
    const config = join(outside, 'x.yml');
    writeFileSync(config, 'require: open-wieghts\n');

    const result = await action({ path: 'models/m', config });

    expect(result.code).toBe(2);
    const problem = result.lines.find((l) => l.includes('config-invalid'));
    expect(problem).toMatch(/^::error title=truly-open%3A config-invalid::require: /);
    // Before the fix the absolute path was glued under the scanned folder: models/m/tmp/...
    expect(result.lines.some((l) => /^::\w+ file=/.test(l) && l.includes('x.yml'))).toBe(false);
  });
});

describe('the report in the log', () => {
  it('is dumped with workflow commands stopped, under a token it does not contain', async () => {
    // A folder name anyone opening a PR controls, printed at the start of a report line.
    write(workspace, { '::error::pwned/README.md': CARD, '::error::pwned/model.safetensors': 'x'.repeat(2048) });

    const first = await action({ path: '.', format: 'text' });
    const second = await action({ path: '.', format: 'text' });

    for (const { code, lines } of [first, second]) {
      expect(code).toBe(0);
      const stop = lines.findIndex((l) => l.startsWith('::stop-commands::'));
      const token = lines[stop]!.slice('::stop-commands::'.length);
      expect(token).toMatch(/^truly-open-[0-9a-f-]{36}$/);
      const resume = lines.indexOf(`::${token}::`);
      expect(stop).toBe(lines.indexOf('::group::truly-open report (text)') + 1);
      expect(lines[resume + 1]).toBe('::endgroup::');
      const report = lines.slice(stop + 1, resume);
      expect(report.join('\n')).toContain('pwned');
      expect(report.join('\n')).not.toContain(token);
      // Outside the stopped block the folder name only appears inside our own commands.
      expect(lines.slice(resume + 1).filter((l) => l.startsWith('::error::'))).toEqual([]);
    }
    const token = (r: typeof first) => r.lines.find((l) => l.startsWith('::stop-commands::'));
    expect(token(first)).not.toBe(token(second));
  });
});

describe('annotations in the step log', () => {
  it('a monorepo: at most 10 per level (GitHub shows no more), one line counts the rest, each license once', async () => {
    const models: Record<string, string> = {
      LICENSE:
        'Creative Commons Attribution-NonCommercial 4.0 International Public License\n\nNonCommercial means not primarily intended for or directed towards commercial advantage.\n',
    };
    for (let i = 1; i <= 8; i++) {
      models[`models/m${i}/README.md`] = [
        '---',
        'license: cc-by-nc-4.0',
        '---',
        `# Model ${i}`,
        '',
        'A small model.',
        '',
      ].join('\n');
      models[`models/m${i}/model.safetensors`] = 'x'.repeat(2048);
    }
    write(workspace, {
      ...models,
      '.github/truly-open.yml': `models:\n${Array.from({ length: 8 }, (_, i) => `  - models/m${i + 1}`).join('\n')}\n`,
    });

    const result = await action({ path: '.' });

    const annotations = result.lines.filter((l) => /^::(error|warning|notice) /.test(l));
    for (const level of ['error', 'warning', 'notice'])
      expect(annotations.filter((l) => l.startsWith(`::${level} `)).length).toBeLessThanOrEqual(10);
    expect(annotations.filter((l) => l.startsWith('::notice ')).length).toBe(10);
    expect(result.lines).toContainEqual(
      expect.stringMatching(
        /^truly-open: (\d+ warnings? and )?\d+ notices more not shown as annotations \(GitHub shows 10 of each per step\)/,
      ),
    );
    // One annotation per place a license is declared: eight cards, eight lines, no repeats.
    const licenses = annotations.filter((l) => l.includes('title=Restricted license'));
    expect(new Set(licenses.map((l) => /file=([^,]+),line=(\d+)/.exec(l)?.slice(1).join(':'))).size).toBe(
      licenses.length,
    );
    for (const l of annotations) expect(l.match(/CC-BY-NC-4\.0/g)?.length ?? 0).toBeLessThanOrEqual(2);
  });
});
