// End to end: the CLI's `main()` on a directory whose card lists a Hub dataset, with
// HF_ENDPOINT pointing at a real HTTP server on 127.0.0.1 that answers like the Hub API.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../src/cli/main.js';
import { renderCheckRun } from '../src/core/render/check-run.js';
import type { Report } from '../src/core/report.js';
import { startFakeHub, type FakeHub } from './helpers/fake-hub-server.js';
import { datasetJson, DESCRIPTIVE_CARD } from './helpers/hub-mocks.js';

const CARD = `---
license: apache-2.0
library_name: transformers
datasets:
- org/open-ds
---
# Tiny LM

A small causal language model trained on org/open-ds for three epochs.

## Training Data

The model was trained on the org/open-ds corpus listed above.
`;

let hub: FakeHub;
let dir: string;
const SHA = 'e'.repeat(40);

beforeAll(async () => {
  hub = await startFakeHub();
  hub.route('/api/datasets/org/open-ds', { body: datasetJson('org/open-ds', { license: 'cc-by-4.0', sha: SHA }) });
  hub.route(`/datasets/org/open-ds/resolve/${SHA}/README.md`, { body: DESCRIPTIVE_CARD });
  dir = mkdtempSync(join(tmpdir(), 'truly-open-e2e-'));
  writeFileSync(join(dir, 'README.md'), CARD);
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ architectures: ['LlamaForCausalLM'], model_type: 'llama' }));
  writeFileSync(join(dir, 'model.safetensors'), Buffer.alloc(4096));
});

afterAll(async () => {
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string | undefined> = { HF_ENDPOINT: hub.endpoint }) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env,
    isTTY: false,
    stderrTTY: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('truly-open check against a local Hub (HF_ENDPOINT)', () => {
  it('offline, the listed dataset is only mentioned and nothing is requested', async () => {
    const before = hub.requests.length;
    const { code, stdout, stderr } = await cli(['check', dir, '--format', 'json', '--offline']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.online).toBe(false);
    expect(report.models[0]!.components['training-data']).toMatchObject({ status: 'mentioned' });
    expect(report.models[0]!.components['training-data'].verifiedOnline).toBeUndefined();
    expect(hub.requests.length).toBe(before);
  });

  it('online, the dataset verified on the Hub turns training-data open, with hub evidence', async () => {
    const { code, stdout, stderr } = await cli(['check', dir, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.online).toBe(true);
    const td = report.models[0]!.components['training-data'];
    expect(td).toMatchObject({ status: 'open', license: 'CC-BY-4.0', verifiedOnline: true });
    expect(td.evidence).toContainEqual(
      expect.objectContaining({ kind: 'hub', url: `${hub.endpoint}/datasets/org/open-ds` }),
    );
    // The dataset card documents sources and processing: it stands in for the data card.
    expect(report.models[0]!.components['data-card']).toMatchObject({ status: 'open', verifiedOnline: true });
    expect(hub.requests).toEqual(
      expect.arrayContaining(['/api/datasets/org/open-ds', `/datasets/org/open-ds/resolve/${SHA}/README.md`]),
    );
  });

  it('the text output marks the statuses verified online and counts them', async () => {
    const { stdout } = await cli(['check', dir]);
    const row = stdout.split('\n').find((l) => l.includes('Training data'));
    expect(row).toMatch(/open/);
    expect(row).toContain('⊕');
    expect(stdout).toMatch(/2 statuses verified online/);
    expect(stdout).toContain('⊕ 2 statuses verified online: the data card and the training data');
    const offline = await cli(['check', dir, '--offline']);
    expect(offline.stdout).not.toContain('⊕');
    expect(offline.stdout).not.toContain('verified online:');
    expect(offline.stdout).toContain('offline: nothing verified online');
  });

  it('the check run says the same: a marked summary and "verified online" in the evidence details', async () => {
    const report = JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout) as Report;
    const output = renderCheckRun(report);
    expect(output.summary).toContain('⊕ 2 statuses verified online: the data card and the training data');
    expect(output.text).toContain('**Training data** (open, `CC-BY-4.0`, verified online)');
    const offline = renderCheckRun(
      JSON.parse((await cli(['check', dir, '--format', 'json', '--offline'])).stdout) as Report,
    );
    expect(offline.text).not.toContain('verified online');
    expect(offline.summary).toContain('offline (nothing verified online)');
  });

  it('the Markdown report marks the same statuses in the table and lists them under it', async () => {
    const { stdout } = await cli(['check', dir, '--format', 'markdown']);
    const rows = stdout.split('\n').filter((l) => l.includes(' ⊕ |'));
    // The component cell: a plain name for open rows, a doc link otherwise.
    expect(rows.map((r) => /^\| \S+ \| \[?([^\]|]+?)\]?(?:\[[a-z-]+\])? \|/.exec(r)?.[1])).toEqual([
      'Data card',
      'Training data',
    ]);
    expect(stdout).toContain('⊕ 2 statuses verified online: the data card and the training data');
  });
});
