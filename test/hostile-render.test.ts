// Issue 10, item 5: repository text in the check-run summary and the PR comment renders
// inert. A model named `@org/team` used to mention the team on every PR comment; a file
// path holding two backticks in a row closed its code span and put a live image into the
// summary.
import { describe, expect, test } from '@jest/globals';
import { explainComponent } from '../src/app/explain.js';
import { renderNotesSection, upsertNotesSection } from '../src/app/release-notes.js';
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import { assess } from '../src/core/assess.js';
import { computeDelta } from '../src/core/delta.js';
import { renderCheckRun } from '../src/core/render/check-run.js';
import { mdCode, mdText } from '../src/core/render/format.js';
import { renderPrComment } from '../src/core/render/pr-comment.js';
import { codeSpans, LIVE_MENTION } from './helpers/markdown-spans.js';
import { card, snapshot } from './helpers/snapshot-builder.js';

const EVIL = 'https://evil.example/pixel.png';
const NASTY_PATH = `weights/a\`\`![pwn](${EVIL})\`\`b.safetensors`;
const NAME = '@acme/ml-team #1 shout-out to @octocat';

function hostileReport() {
  const snap = snapshot({
    location: 'acme/llm',
    files: {
      'README.md': card({ frontMatter: { model_name: NAME, license: 'apache-2.0' }, title: NAME }),
      [NASTY_PATH]: { size: 5e9 },
    },
  });
  return assess(snap, DEFAULT_CONFIG);
}

/** What renders outside code spans must hold neither the URL nor a live mention. */
function expectInert(markdown: string): void {
  const { outside, code } = codeSpans(markdown);
  expect(outside).not.toContain('evil.example');
  expect(outside).not.toMatch(LIVE_MENTION);
  // The path is shown, whole, inside one code span.
  expect(code.some((c) => c.includes('evil.example'))).toBe(true);
}

describe('the check run and the PR comment render repository text inert', () => {
  const report = hostileReport();

  test('the report does carry the hostile name and path (the test would catch a leak)', () => {
    expect(report.models[0]?.name).toBe(NAME);
    expect(JSON.stringify(report)).toContain(NASTY_PATH.replace(/`/g, '`'));
  });

  test('check-run summary and text', () => {
    const output = renderCheckRun(report);
    expect(output.summary).toContain('@\u200bacme/ml-team');
    expectInert(output.summary + output.text);
  });

  test('PR comment', () => {
    const body = renderPrComment(report, computeDelta(null, report));
    const { outside } = codeSpans(body);
    expect(outside).not.toMatch(LIVE_MENTION);
    expect(outside).not.toContain('evil.example');
  });

  test('/openness explain and release notes', () => {
    const explained = explainComponent('weights', report, 'https://docs.example');
    expectInert(explained);
    const notes = renderNotesSection({ ...report, models: [...report.models, { ...report.models[0]!, path: 'b' }] });
    expect(codeSpans(notes).outside).not.toMatch(LIVE_MENTION);
  });
});

describe('mdCode and mdText', () => {
  test.each(['``', 'a``b', '`', '```x```', 'a`b``c```d', '` leading', 'trailing `', '|pipe|'])(
    'mdCode(%j) is one code span holding the text',
    (text) => {
      const rendered = mdCode(text);
      const { outside, code } = codeSpans(rendered);
      expect(outside.trim()).toBe('');
      expect(code).toHaveLength(1);
      expect(code[0]!.trim()).toBe(text.replace(/\|/g, '\\|').trim());
    },
  );

  test('mdText leaves no mention, cross-reference, tag or link syntax', () => {
    const out = mdText('@team <img src=x> [a](b) ![c](d) #42 *x* `y`');
    expect(out).not.toMatch(LIVE_MENTION);
    expect(out).not.toMatch(/(?<!\\)[<[\]`*!]/);
  });

  test('release notes: a body with a long inner run of spaces is kept whole (stripped with trimEnd, not /\\s+$/)', () => {
    const body = `notes${' '.repeat(50_000)}x`;
    expect(upsertNotesSection(body, 'S')).toBe(`${body}\n\n<!-- truly-open:start -->\nS\n<!-- truly-open:end -->`);
  });
});
