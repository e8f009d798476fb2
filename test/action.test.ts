// Runs the committed action bundle the way the runner does: `node dist/action/index.js`
// with inputs as INPUT_* variables and the summary and output files the runner provides.
// The environment is built from scratch so that, inside GitHub Actions, the test never
// writes to the real job's GITHUB_OUTPUT or summary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const bundle = join(root, 'dist/action/index.js');
const OPEN = 'test/fixtures/repos/action-open-weights';
const RESTRICTED = 'test/fixtures/repos/action-restricted';

interface Run {
  code: number | null;
  stdout: string[];
  stderr: string;
  summary: string;
  outputs: string;
  temp: string;
}

let temp: string;
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'truly-open-action-'));
});
afterEach(() => {
  rmSync(temp, { recursive: true, force: true });
});

function runAction(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Run {
  const summaryFile = join(temp, 'summary.md');
  const outputFile = join(temp, 'output.txt');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: temp,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: root,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_ACTION: 'openness',
    RUNNER_TEMP: temp,
    ...extraEnv,
  };
  // The runner sets every declared input, defaults included; an absent one is ''.
  for (const name of ['path', 'require', 'format', 'config', 'offline']) env[`INPUT_${name.toUpperCase()}`] = '';
  env.INPUT_OFFLINE = 'true';
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const result = spawnSync(process.execPath, [bundle], { cwd: root, env, encoding: 'utf8', timeout: 30_000 });
  return {
    code: result.status,
    stdout: result.stdout.split('\n').filter((l) => l !== ''),
    stderr: result.stderr,
    summary: readFileSync(summaryFile, 'utf8'),
    outputs: readFileSync(outputFile, 'utf8'),
    temp,
  };
}

/** Parses GITHUB_OUTPUT content: `name=value` lines and `name<<DELIM ... DELIM` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

const annotations = (run: Run): string[] => run.stdout.filter((l) => /^::(error|warning|notice) /.test(l));

describe('the GitHub Action bundle', () => {
  it('exists (run `node scripts/bundle-action.mjs`)', () => {
    expect(existsSync(bundle)).toBe(true);
  });

  it('reports an open-weights repository, meets require: open-weights and exits 0', () => {
    const run = runAction({ path: OPEN, require: 'open-weights' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    // Job summary: the Markdown report.
    expect(run.summary).toMatch(/open weights/i);
    expect(run.summary).toContain('|');

    // Outputs, and the JSON report they point at.
    const outputs = parseOutputs(run.outputs);
    expect(outputs).toMatchObject({ level: 'open-weights', osaid: 'false' });
    expect(outputs['mof-class']).toMatch(/^(1|2|3|none)$/);
    expect(outputs['report-path']).toBe(join(temp, 'truly-open-openness.json'));
    const report = JSON.parse(readFileSync(outputs['report-path']!, 'utf8'));
    expect(report.schemaVersion).toBe(1);
    expect(report.models[0].ladder.level).toBe('open-weights');
    expect(report.models[0].components.weights.status).toBe('open');

    // Missing and mentioned pieces become notices on the model card (at the line that
    // mentions them, else the whole file), with workspace-relative paths; what blocks
    // open-source comes first, in the order of the next steps.
    const lines = annotations(run);
    const blockers = report.models[0].ladder.missing as string[];
    expect(blockers).toContain('training-code');
    expect(lines[0]).toMatch(
      new RegExp(
        `^::notice file=${OPEN}/README\\.md,(line=\\d+,)?title=[^:]+ (missing|mentioned)::.+ \\(blocks open source[^)]*\\)%0AHow to fix: `,
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^::notice [^:]*title=Training code missing::no evidence/));
    // Mentioned or, since issue 9's follow-ups, missing when the card names no dataset: at the section's line.
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^::notice file=${OPEN}/README\\.md,line=\\d+,title=Training data (missing|mentioned)::`),
      ),
    );
    expect(lines.some((l) => l.startsWith('::error '))).toBe(false);
    expect(lines.some((l) => /title=Weights /.test(l))).toBe(false);
    expect(lines.length).toBeLessThanOrEqual(30);

    // The log shows the report as text (the job summary has the Markdown), inside a group.
    expect(run.stdout[0]).toBe('::group::truly-open report (text)');
    expect(run.stdout.join('\n')).toContain('Next steps');
    expect(run.stdout).toContain('::endgroup::');
  });

  it('fails the step (exit 1) when the requirement is not met, with a warning on the license line', () => {
    const run = runAction({ path: RESTRICTED, require: 'open-weights' });
    expect(run.code).toBe(1);
    const lines = annotations(run);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^::warning file=${RESTRICTED}/README\\.md,line=3,title=Restricted license%3A CC-BY-NC-4\\.0::CC-BY-NC-4\\.0 restricts use, so the final weights`,
        ),
      ),
    );
    // The license is named once per place it is declared, never per component.
    expect(lines.filter((l) => l.includes('CC-BY-NC-4.0'))).toHaveLength(1);
    expect(lines).toContainEqual(expect.stringMatching(/^::error title=truly-open%3A open-weights not met::/));
    expect(parseOutputs(run.outputs)).toMatchObject({
      level: 'restricted-weights',
      'mof-class': 'none',
      osaid: 'false',
    });
    expect(run.summary).toMatch(/restricted/i);
  });

  it('only reports (exit 0) when no requirement is set', () => {
    const run = runAction({ path: RESTRICTED });
    expect(run.code).toBe(0);
    expect(parseOutputs(run.outputs).level).toBe('restricted-weights');
    expect(annotations(run).some((l) => l.startsWith('::error '))).toBe(false);
  });

  it('prints the report as JSON in the log when format is json', () => {
    const run = runAction({ path: OPEN, format: 'json' });
    expect(run.code).toBe(0);
    const group = run.stdout.indexOf('::group::truly-open report (json)');
    // Inside the group, the report sits between ::stop-commands::<token> and ::<token>::.
    const stop = run.stdout[group + 1]!;
    expect(stop).toMatch(/^::stop-commands::truly-open-[0-9a-f-]{36}$/);
    const end = run.stdout.indexOf(`::${stop.slice('::stop-commands::'.length)}::`);
    expect(run.stdout[end + 1]).toBe('::endgroup::');
    expect(JSON.parse(run.stdout.slice(group + 2, end).join('\n')).models[0].ladder.level).toBe('open-weights');
  });

  it('reads require from a config file given by the config input', () => {
    const config = join(temp, 'strict.yml');
    writeFileSync(config, 'require: open-source\n');
    const run = runAction({ path: OPEN, config });
    expect(run.code).toBe(1);
    expect(annotations(run)).toContainEqual(
      expect.stringMatching(/^::error title=truly-open%3A open-source not met::/),
    );
  });

  it('fails the step (exit 2) on an invalid config file, after writing the report', () => {
    const config = join(temp, 'typo.yml');
    writeFileSync(config, 'require: open-wieghts\n');
    const run = runAction({ path: OPEN, config });
    expect(run.code).toBe(2);
    expect(run.summary).toMatch(/open weights/i);
    expect(parseOutputs(run.outputs).level).toBe('open-weights');
    expect(run.stdout.at(-1)).toMatch(/^::error title=truly-open::invalid configuration in .*typo\.yml \(1 error\)/);
  });

  it.each([
    [{ format: 'html' }, /input 'format'/],
    [{ require: 'mostly-open' }, /input 'require'/],
    [{ offline: 'maybe' }, /input 'offline'/],
    [{ path: 'test/fixtures/repos/no-such-repo' }, /input 'path'/],
    [{ path: OPEN, config: 'no/such/config.yml' }, /config file not found/],
  ])('exits 2 with an ::error:: for a bad input %p', (inputs, message) => {
    const run = runAction(inputs);
    expect(run.code).toBe(2);
    expect(run.stdout).toEqual([expect.stringMatching(/^::error title=truly-open::/)]);
    expect(run.stdout[0]).toMatch(message);
    expect(run.outputs).toBe('');
    expect(run.summary).toBe('');
  });
});
