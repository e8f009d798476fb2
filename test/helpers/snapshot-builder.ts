// Builds RepoSnapshots for engine tests, so that a case states only the facts it is about:
//
//   snapshot({ files: { 'README.md': card({ frontMatter: { license: 'mit' } }), 'model.safetensors': { size: 5e9 } } })
//   tester('weights')(snapshot(...))            -> report.models[0].components.weights
//
// Text entries become texts only when a real source would read them (`wantsText`), so a test
// cannot pass on a file the engine never sees in production.
import { createRequire } from 'node:module';
import yaml from 'js-yaml';
import { assess, type AssessOptions } from '../../src/core/assess.js';
import { CRITERIA, runCriteria } from '../../src/core/criteria/index.js';
import { gatherEvidence } from '../../src/core/evidence/gather.js';
import { MESSAGE_IDS } from '../../src/core/messages.js';
import type { ComponentId } from '../../src/core/catalog.js';
import { configSchema, DEFAULT_CONFIG, type Config, type ConfigInput } from '../../src/config/schema.js';
import type { GithubRepoFact, HubDatasetFact, HubModelFact, RemoteFacts } from '../../src/core/remote.js';
import type { ComponentResult, ModelReport, Report } from '../../src/core/report.js';
import { wantsText, type RepoSnapshot, type SkippedEntry, type SnapshotEntry } from '../../src/core/snapshot.js';

export interface FileSpec {
  /** Bytes as stored (for LFS: the real object's size). Default: the text's length, or 2 KB. */
  size?: number;
  /** A Git LFS pointer to an object of `size` bytes. */
  lfs?: boolean;
  text?: string;
  symlink?: string;
  submodule?: boolean;
}

export interface SnapshotSpec {
  files?: Record<string, string | FileSpec>;
  skipped?: SkippedEntry[];
  remote?: RemoteFacts;
  source?: RepoSnapshot['source'];
  location?: string;
  /** Keep every given text, not just the ones a source would read. */
  allTexts?: boolean;
}

const FAKE_OID = 'a'.repeat(64);

export function snapshot(spec: SnapshotSpec = {}): RepoSnapshot {
  const entries: SnapshotEntry[] = [];
  const texts: Record<string, string> = {};
  for (const [path, value] of Object.entries(spec.files ?? {})) {
    const f: FileSpec = typeof value === 'string' ? { text: value } : value;
    const size = f.size ?? (f.text !== undefined ? Buffer.byteLength(f.text) : 2048);
    if (f.symlink !== undefined) {
      entries.push({ path, size: 0, kind: 'symlink', target: f.symlink });
      continue;
    }
    if (f.submodule) {
      entries.push({ path, size: 0, kind: 'submodule' });
      continue;
    }
    if (f.lfs) {
      entries.push({ path, size, kind: 'lfs', lfs: { oid: FAKE_OID, size } });
      continue;
    }
    entries.push({ path, size, kind: 'file' });
    if (f.text !== undefined && (spec.allTexts || wantsText(path, size))) texts[path] = f.text;
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const snap: RepoSnapshot = {
    source: spec.source ?? 'directory',
    location: spec.location ?? 'fixture',
    revision: null,
    entries,
    texts,
    skipped: spec.skipped ?? [],
  };
  if (spec.remote) snap.remote = spec.remote;
  return snap;
}

export interface CardSpec {
  frontMatter?: Record<string, unknown>;
  /** Heading -> body, written as `## Heading` sections in order. */
  sections?: Record<string, string>;
  title?: string;
  /** Free text after the title, before the sections. */
  intro?: string;
}

/** A model card: YAML front matter (when given), a title, and `##` sections. */
export function card(spec: CardSpec = {}): string {
  const parts: string[] = [];
  if (spec.frontMatter) parts.push(`---\n${yaml.dump(spec.frontMatter)}---\n`);
  parts.push(`# ${spec.title ?? 'Example model'}\n`);
  if (spec.intro) parts.push(`${spec.intro}\n`);
  for (const [heading, body] of Object.entries(spec.sections ?? {})) parts.push(`## ${heading}\n\n${body}\n`);
  return parts.join('\n');
}

/**
 * Card sections that cover the four model-card topics with enough prose to count as a
 * documented card (the model-card criterion wants three topics and some length).
 */
export const FULL_CARD_SECTIONS: Record<string, string> = {
  'Intended Uses':
    'The model is intended for research on text generation and can be used for summarisation and question answering. It is not intended for medical or legal advice.',
  'Limitations and Bias':
    'The model may produce factually wrong statements and reflects the biases of its web training corpus. Outputs should be checked by a person before use.',
  'Training Procedure':
    'The model was trained on a mixture of public web text for two epochs on a cluster of accelerators, with the usual next-token objective.',
  Evaluation:
    'We evaluated the model on held-out benchmarks; the scores are comparable to models of a similar size trained on similar data.',
};

/** A data section that names sources, processing and composition (describesData). */
export const DATA_SECTION =
  'The training corpus was collected from Common Crawl snapshots and Wikipedia dumps. Documents were filtered for quality, ' +
  'deduplicated with MinHash and tokenized with the released tokenizer. The final mixture holds 1.2 trillion tokens in 12 languages; ' +
  'the proportion of each source is listed in the table of the technical report.';

const requireFromHere = createRequire(import.meta.url);

/**
 * The full text of a license: SPDX ids from the spdx-license-list package, and short texts
 * written here for the AI model licenses that have no SPDX text (enough for the recognisers).
 */
export function licenseText(id: string): string {
  const ai = AI_LICENSE_TEXTS[id];
  if (ai) return ai;
  const entry = requireFromHere(`spdx-license-list/licenses/${id}.json`) as { licenseText: string };
  return entry.licenseText;
}

const AI_LICENSE_TEXTS: Record<string, string> = {
  'Llama-3.1':
    'LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 2024\n\n"Agreement" means the terms and conditions for use of the Llama Materials set forth herein.\n' +
    '"Llama Materials" means, collectively, the model and documentation made available under this Agreement.\n' +
    'You are granted a limited license to use the Llama Materials, subject to the Acceptable Use Policy and the additional commercial terms for very large licensees.\n',
  'OpenRAIL-M':
    'BigScience Open RAIL-M License\ndated August 18, 2022\n\nThis Responsible AI License permits use of the Model subject to the use restrictions in Attachment A.\n' +
    'You agree not to use the Model or Derivatives of the Model for any of the purposes listed in Attachment A.\n',
  Gemma:
    'Gemma Terms of Use\n\nBy using, reproducing, modifying, distributing or making available Gemma or Model Derivatives you agree to these terms.\n' +
    'Your use of Gemma is subject to the Gemma Prohibited Use Policy, incorporated here by reference.\n',
};

// ---- online facts, filled by hand (what src/sources/remote would have found) ----

export function remote(parts: Partial<RemoteFacts> = {}): RemoteFacts {
  return { datasets: {}, models: {}, github: {}, lineage: [], notes: [], ...parts };
}

export function hubDataset(id: string, fact: Partial<HubDatasetFact> = {}): HubDatasetFact {
  return {
    id,
    state: 'found',
    url: `https://huggingface.co/datasets/${id}`,
    license: 'CC-BY-4.0',
    gated: false,
    private: false,
    cardDescribesData: false,
    ...fact,
  };
}

export function hubModel(id: string, fact: Partial<HubModelFact> = {}): HubModelFact {
  return {
    id,
    state: 'found',
    url: `https://huggingface.co/${id}`,
    license: 'Apache-2.0',
    gated: false,
    private: false,
    files: [{ path: 'model.safetensors', size: 5e9, lfs: true }],
    checkpointRevisions: [],
    baseModels: [],
    datasets: [],
    ...fact,
  };
}

export function githubRepo(repo: string, fact: Partial<GithubRepoFact> = {}): GithubRepoFact {
  return {
    repo,
    component: 'training-code',
    state: 'found',
    url: `https://github.com/${repo}`,
    license: 'Apache-2.0',
    private: false,
    ...fact,
  };
}

// ---- running the engine ----

/** A full config from a partial one (defaults filled in by the schema). */
export function config(input: ConfigInput = {}): Config {
  return configSchema.parse(input);
}

export function run(snap: RepoSnapshot, cfg: Config = DEFAULT_CONFIG, options: AssessOptions = {}): Report {
  return assess(snap, cfg, options);
}

export function firstModel(snap: RepoSnapshot, cfg: Config = DEFAULT_CONFIG): ModelReport {
  const model = assess(snap, cfg).models[0];
  if (!model) throw new Error('the report has no model');
  return model;
}

/** `tester('weights')(snap, cfg)` -> the weights result of the first model, for table-driven cases. */
export function tester(id: ComponentId): (snap: RepoSnapshot, cfg?: Config) => ComponentResult {
  return (snap, cfg = DEFAULT_CONFIG) => firstModel(snap, cfg).components[id];
}

/** One case of a component table. */
export interface Case {
  name: string;
  files?: SnapshotSpec['files'];
  skipped?: SkippedEntry[];
  remote?: RemoteFacts;
  config?: ConfigInput;
  status: ComponentResult['status'];
  messageId: string;
  /** Extra checks on the result (license, data, evidence). */
  check?: (result: ComponentResult) => void;
  /** A known engine bug: the case states the right answer and runs as `test.failing` until fixed. */
  bug?: string;
}

/** Runs a table of cases against one component: `describe.each`-style, one test per case. */
export function runCases(id: ComponentId, cases: Case[]): void {
  const judge = tester(id);
  const body = (c: Case) => {
    const snap = snapshot({
      ...(c.files ? { files: c.files } : {}),
      ...(c.skipped ? { skipped: c.skipped } : {}),
      ...(c.remote ? { remote: c.remote } : {}),
    });
    const result = judge(snap, config(c.config ?? {}));
    expect({ status: result.status, messageId: result.messageId }).toEqual({
      status: c.status,
      messageId: c.messageId,
    });
    // Every id a criterion emits has wording, and the wording has no holes.
    expect(MESSAGE_IDS).toContain(result.messageId);
    expect(result.message).not.toMatch(/undefined|NaN|\(\)|""/);
    c.check?.(result);
  };
  const ok = cases.filter((c) => !c.bug);
  const bugs = cases.filter((c) => c.bug);
  if (ok.length > 0) test.each(ok.map((c) => [c.name, c] as const))('%s', (_name, c) => body(c));
  for (const c of bugs) test.failing(`${c.name} [known bug: ${c.bug}]`, () => body(c));
}

/** Every status in a table, to assert that a component's table covers all it can take. */
export function statusesOf(cases: Case[]): string[] {
  return [...new Set(cases.map((c) => c.status))].sort();
}

/**
 * Whatever the evidence, a criterion that throws gives `unknown` with the reason, and the
 * other components are still judged.
 */
export function testThrowingCriterion(
  id: ComponentId,
  files: SnapshotSpec['files'] = { 'README.md': card({ frontMatter: { license: 'mit' } }) },
): void {
  test('a criterion that throws is unknown with the reason; the others still run', () => {
    const ev = gatherEvidence(snapshot({ files }), DEFAULT_CONFIG).models[0]!;
    const verdicts = runCriteria(ev, {
      ...CRITERIA,
      [id]: {
        id,
        evaluate() {
          throw new Error('boom');
        },
      },
    });
    expect(verdicts[id]).toMatchObject({ status: 'unknown', messageId: 'criterionFailed', data: { error: 'boom' } });
    const others = Object.entries(verdicts).filter(([k]) => k !== id);
    expect(others.every(([, v]) => v.messageId !== 'criterionFailed')).toBe(true);
  });
}

/** The model card could not be read: card-based components are unknown, not missing. */
export const CARD_TOO_LARGE: { files: SnapshotSpec['files']; skipped: SkippedEntry[] } = {
  files: { 'README.md': { size: 50 * 1024 * 1024 } },
  skipped: [{ path: 'README.md', reason: 'too-large', detail: '52428800 bytes' }],
};
