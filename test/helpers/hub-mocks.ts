// Hub and GitHub API conversations for tests, in the shapes the real APIs answer with.
import nock from 'nock';

export const HUB = 'https://huggingface.co';
export const GH = 'https://api.github.com';

export interface ModelSpec {
  license?: string;
  licenseName?: string;
  gated?: false | 'auto' | 'manual';
  private?: boolean;
  baseModel?: string | string[];
  datasets?: string[];
  sha?: string;
  siblings?: { rfilename: string; size: number; lfs?: { sha256: string; size: number; pointerSize: number } }[];
  tags?: string[];
}

export function modelJson(id: string, spec: ModelSpec = {}): Record<string, unknown> {
  const cardData: Record<string, unknown> = {};
  if (spec.license) cardData.license = spec.license;
  if (spec.licenseName) cardData.license_name = spec.licenseName;
  if (spec.baseModel) cardData.base_model = spec.baseModel;
  if (spec.datasets) cardData.datasets = spec.datasets;
  return {
    _id: '65f0c0ffee',
    id,
    sha: spec.sha ?? 'a'.repeat(40),
    private: spec.private ?? false,
    gated: spec.gated ?? false,
    disabled: false,
    tags: [...(spec.tags ?? []), ...(spec.license ? [`license:${spec.license}`] : [])],
    cardData,
    siblings: spec.siblings ?? [
      { rfilename: '.gitattributes', size: 1519 },
      { rfilename: 'README.md', size: 812 },
      { rfilename: 'config.json', size: 650 },
      {
        rfilename: 'model.safetensors',
        size: 1200,
        lfs: { sha256: 'b'.repeat(64), size: 4_900_000_000, pointerSize: 135 },
      },
    ],
  };
}

export interface DatasetSpec {
  license?: string;
  gated?: false | 'auto' | 'manual';
  private?: boolean;
  sha?: string;
  withReadme?: boolean;
}

export function datasetJson(id: string, spec: DatasetSpec = {}): Record<string, unknown> {
  return {
    _id: '65f0da7a5e7',
    id,
    sha: spec.sha ?? 'c'.repeat(40),
    private: spec.private ?? false,
    gated: spec.gated ?? false,
    disabled: false,
    tags: spec.license ? [`license:${spec.license}`] : [],
    cardData: spec.license ? { license: spec.license } : {},
    siblings: [
      { rfilename: '.gitattributes' },
      ...(spec.withReadme === false ? [] : [{ rfilename: 'README.md' }]),
      { rfilename: 'data/train-00000-of-00001.parquet' },
    ],
  };
}

export const DESCRIPTIVE_CARD = `---
license: cc-by-4.0
---
# Dataset Card for Tiny Corpus

## Dataset Creation

### Source Data

#### Data Collection and Processing

Documents were collected from public-domain books on Project Gutenberg, then filtered by
language, deduplicated with MinHash and cleaned of boilerplate headers and footers.

#### Who are the source data producers?

Authors of public-domain books published before 1925, digitised by volunteers.
`;

export const TEMPLATE_CARD = `# Dataset Card

## Dataset Creation

### Source Data

#### Data Collection and Processing

[More Information Needed]
`;

/** `GET /api/models/{id}?blobs=true` answering `body` (or a status). */
export function mockModel(id: string, body: Record<string, unknown> | number, base = HUB): nock.Scope {
  const scope = nock(base).get(`/api/models/${id}`).query({ blobs: 'true' });
  return typeof body === 'number'
    ? scope.reply(body, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound' })
    : scope.reply(200, body);
}

export function mockRefs(id: string, branches: string[], base = HUB): nock.Scope {
  return nock(base)
    .get(`/api/models/${id}/refs`)
    .reply(200, {
      branches: branches.map((name) => ({ name, ref: `refs/heads/${name}`, targetCommit: 'd'.repeat(40) })),
      converts: [],
      tags: [],
    });
}

export function mockDataset(id: string, body: Record<string, unknown> | number, base = HUB): nock.Scope {
  const scope = nock(base).get(`/api/datasets/${id}`);
  return typeof body === 'number'
    ? scope.reply(body, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound' })
    : scope.reply(200, body);
}

export function mockDatasetCard(id: string, text: string, sha = 'c'.repeat(40), base = HUB): nock.Scope {
  return nock(base)
    .get(`/datasets/${id}/resolve/${sha}/README.md`)
    .reply(200, text, { 'content-type': 'text/plain; charset=utf-8' });
}

export function mockGithubRepo(
  repo: string,
  license: { spdx_id: string; name: string } | null,
  status = 200,
): nock.Scope {
  const scope = nock(GH).get(`/repos/${repo}`);
  if (status !== 200) return scope.reply(status, { message: 'Not Found' });
  return scope.reply(200, {
    full_name: repo,
    html_url: `https://github.com/${repo}`,
    private: false,
    archived: false,
    license: license ? { key: license.spdx_id.toLowerCase(), spdx_id: license.spdx_id, name: license.name } : null,
  });
}

/** A sleep that records the waits instead of waiting. */
export function fakeSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}
