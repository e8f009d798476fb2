// Issue 10, item 1: an `ignore` glob (or a `.gitattributes` pattern) written to be slow
// used to freeze the whole app for tens of seconds. The matcher now simulates an automaton
// over the path: these tests check its answers on the adversarial inputs and that the work
// it reports (`steps`) stays within (path length + 1) x (automaton size), never a time.
import { describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../src/cli/main.js';
import { readLocalSnapshot } from '../src/sources/local-snapshot.js';
import { compileGlobDecider, compileGlobProgram, compileGlobs, GLOB_MAX_LENGTH } from '../src/core/glob.js';
import { isLfsTracked, parseLfsRules } from '../src/sources/gitattributes.js';
import { compileLfsMatcher } from '../src/sources/lfs-matcher.js';

/** Runs a fresh program (cold cache: the worst case) and returns its answer and work. */
function work(pattern: string, path: string, anchored: boolean) {
  const program = compileGlobProgram(pattern, { anchored });
  const matched = program.matches(path);
  return { matched, steps: program.steps, bound: (path.length + 1) * program.size };
}

const STARS = '*a*a*a*a*a*a*a*a*a*a*b';
const GLOBSTARS = '**/**/**/**/**/**/**/**/**/**/x';
const deep = (segments: number, last = 'a') => [...Array.from({ length: segments - 1 }, () => 'a'), last].join('/');

describe('adversarial globs are matched in linear work', () => {
  test('`*a*a*a*a*a*a*a*a*a*a*b` against a 44-character name (55 s with backtracking)', () => {
    const miss = work(STARS, 'a'.repeat(44), false);
    expect(miss.matched).toBe(false);
    expect(miss.steps).toBeLessThanOrEqual(miss.bound);
    const hit = work(STARS, `${'a'.repeat(44)}b`, false);
    expect(hit.matched).toBe(true);
    expect(compileGlobs([STARS])(`x/${'a'.repeat(44)}`)).toBe(false);
    expect(compileGlobs([STARS])(`x/${'a'.repeat(10)}b`)).toBe(true);
  });

  test('`**/**/…/x` against a 28-segment path (9.6 s with backtracking)', () => {
    const miss = work(GLOBSTARS, deep(28), true);
    expect(miss.matched).toBe(false);
    expect(miss.steps).toBeLessThanOrEqual(miss.bound);
    expect(work(GLOBSTARS, deep(28, 'x'), true).matched).toBe(true);
    expect(compileGlobs([GLOBSTARS])(deep(28))).toBe(false);
    expect(compileGlobs([GLOBSTARS])(`${deep(27)}/x/y`)).toBe(true); // a folder named x takes its contents along
  });

  test('work grows with the path, not exponentially: 100x the path, at most ~100x the steps', () => {
    const small = work(STARS, 'a'.repeat(40), false);
    const large = work(STARS, 'a'.repeat(4000), false);
    expect(large.matched).toBe(false);
    expect(large.steps).toBeLessThanOrEqual(large.bound);
    expect(large.steps).toBeLessThanOrEqual(small.steps * 110);
  });

  test('the longest allowed pattern of stars against a 4,096-character path', () => {
    const pattern = '*a'.repeat(GLOB_MAX_LENGTH / 2 - 1) + 'b';
    const result = work(pattern, 'a'.repeat(4096), false);
    expect(result.matched).toBe(false);
    expect(result.steps).toBeLessThanOrEqual(result.bound);
  });

  test('nested alternatives stay one node per element (no expansion into copies)', () => {
    const pattern = '{a,b{c,d{e,f{g,h{i,j}}}}}'.repeat(30);
    const program = compileGlobProgram(pattern, { anchored: true });
    expect(program.size).toBeLessThan(pattern.length * 2);
    expect(program.matches('bdfhj'.repeat(30))).toBe(true);
    expect(program.matches('bdfhk'.repeat(30))).toBe(false);
  });

  test('a pattern longer than the limit matches nothing instead of being compiled', () => {
    const huge = 'a'.repeat(33_000);
    expect(() => compileGlobs([huge, '*.bin'])).not.toThrow();
    const match = compileGlobs([huge, '*.bin']);
    expect(match(huge)).toBe(false);
    expect(match('w/model.bin')).toBe(true);
  });

  test('malformed patterns never throw (they used to become invalid regular expressions)', () => {
    for (const pattern of [
      '[z-a]',
      '{a,[}]',
      '\\',
      '[',
      '{',
      '}',
      '{,}',
      '[!]',
      '[]',
      '**/',
      '/**/',
      '!!',
      '{a,b',
      'a}b,c{',
    ]) {
      expect(() => compileGlobs([pattern])('a/b')).not.toThrow();
    }
    expect(compileGlobs(['[z-a]'])('m')).toBe(false); // a reversed range matches nothing
    expect(compileGlobs(['{a,[}]'])('[}]')).toBe(false);
    expect(compileGlobs(['{a,[}]'])('a')).toBe(true);
  });

  test('the decider (local walk) gives the same answers on the adversarial inputs', () => {
    const decide = compileGlobDecider([STARS, GLOBSTARS]);
    expect(decide('a'.repeat(44), false)).toBe(-1);
    expect(decide(`${'a'.repeat(44)}b`, false)).toBe(0);
    expect(decide(deep(28, 'x'), false)).toBe(1);
  });
});

describe('.gitattributes patterns are repository content too', () => {
  test('a slow pattern in .gitattributes is matched linearly and correctly', () => {
    const rules = parseLfsRules(`${STARS} filter=lfs\n${GLOBSTARS} filter=lfs\n`);
    expect(rules).toHaveLength(2);
    expect(isLfsTracked(rules, 'a'.repeat(44))).toBe(false);
    expect(isLfsTracked(rules, `d/${'a'.repeat(44)}b`)).toBe(true);
    expect(isLfsTracked(rules, deep(28))).toBe(false);
    expect(isLfsTracked(rules, deep(28, 'x'))).toBe(true);
    const matcher = compileLfsMatcher(rules);
    expect(matcher('a'.repeat(44), 'a'.repeat(44))).toBe(false);
  });

  test('a pattern over the length limit is skipped, the others kept', () => {
    const rules = parseLfsRules(`${'a'.repeat(33_000)} filter=lfs\n*.bin filter=lfs\n`);
    expect(rules.map((r) => r.pattern)).toEqual(['*.bin']);
  });

  test('braces are plain characters in .gitattributes, as in git', () => {
    const rules = parseLfsRules('*.{bin,pt} filter=lfs\n');
    expect(isLfsTracked(rules, 'w.bin')).toBe(false);
    expect(isLfsTracked(rules, 'w.{bin,pt}')).toBe(true);
  });
});

describe('the trees of the issue, through the local walk and the CLI', () => {
  function tree(): string {
    const dir = mkdtempSync(join(tmpdir(), 'truly-open-redos-'));
    writeFileSync(join(dir, 'README.md'), '---\nlicense: mit\n---\n# M\n');
    writeFileSync(join(dir, 'a'.repeat(44)), '');
    const deepDir = join(dir, ...Array.from({ length: 27 }, () => 'a'));
    mkdirSync(deepDir, { recursive: true });
    writeFileSync(join(deepDir, 'a'), '');
    writeFileSync(join(deepDir, 'x'), '');
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github', 'truly-open.yml'), `ignore:\n  - '${STARS}'\n  - '${GLOBSTARS}'\n`);
    return dir;
  }

  test('the walk leaves out what the patterns say, and only that', async () => {
    const dir = tree();
    const snapshot = await readLocalSnapshot(dir, { ignore: [STARS, GLOBSTARS] });
    expect(snapshot.entries.some((e) => e.path === 'a'.repeat(44))).toBe(true);
    expect(snapshot.entries.some((e) => e.path === deep(28))).toBe(true);
    expect(snapshot.entries.some((e) => e.path === deep(28, 'x'))).toBe(false);
    expect(snapshot.skipped).toContainEqual({ path: GLOBSTARS, reason: 'ignored', detail: '1 file' });
  });

  test('the CLI reads the config and reports (exit 0)', async () => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env: {},
      isTTY: false,
      stderrTTY: false,
    };
    const code = await main(['check', tree(), '--offline', '--format', 'json'], io);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { models: unknown[] }).models).toHaveLength(1);
  });
});
