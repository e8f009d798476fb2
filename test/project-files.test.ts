// The files that make this an adoptable open-source project: the CI workflow, the action
// metadata, the license. They are plain data, so a test keeps them in step with the code.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { load } from 'js-yaml';
import { getInput, readInputs } from '../src/action/commands.js';
import { REQUIREMENTS } from '../src/config/schema.js';

const root = new URL('../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };

describe('.github/workflows/ci.yml', () => {
  const workflow = load(read('.github/workflows/ci.yml')) as {
    on: Record<string, unknown>;
    jobs: Record<string, { strategy?: { matrix?: { node?: unknown[] } }; steps: Step[] }>;
  };
  const job = workflow.jobs.test!;

  it('runs on push and pull_request', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  });

  it('tests on Node 20 and 22', () => {
    expect(job.strategy?.matrix?.node).toEqual([20, 22]);
    const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with).toEqual({ 'node-version': '${{ matrix.node }}', cache: 'npm' });
  });

  it('installs with npm ci, runs npm test, then the pack check, in that order', () => {
    const runs = job.steps.map((s) => s.run).filter(Boolean);
    expect(runs).toEqual(['npm ci', 'npm test', 'bash scripts/pack-check.sh']);
    expect(existsSync(new URL('scripts/pack-check.sh', root))).toBe(true);
  });
});

describe('action.yml', () => {
  const action = load(read('action.yml')) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string };
  };

  it('is a JavaScript action on a runtime GitHub still runs, pointing at the committed bundle', () => {
    expect(action.runs.using).toMatch(/^node(20|24)$/);
    expect(action.runs.main).toBe('dist/action/index.js');
  });

  it('declares the inputs the entry reads, with defaults the entry accepts', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(['config', 'format', 'offline', 'path', 'require']);
    // Feed the declared defaults through the runner's naming and the entry's parser.
    const env = Object.fromEntries(
      Object.entries(action.inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v.default ?? '']),
    );
    expect(getInput(env, 'path')).toBe('.');
    expect(readInputs(env)).toEqual({
      path: '.',
      require: undefined,
      format: 'text',
      config: undefined,
      offline: false,
    });
  });

  it('lists every requirement in the require description', () => {
    const description = String((action.inputs.require as { description?: string }).description);
    for (const requirement of REQUIREMENTS) expect(description).toContain(requirement);
  });

  it('declares the outputs the entry writes', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(['level', 'mof-class', 'osaid', 'report-path']);
  });
});

describe('LICENSE', () => {
  it('is the Apache-2.0 text that package.json names, with our copyright line', () => {
    const pkg = JSON.parse(read('package.json')) as { license: string };
    const text = read('LICENSE');
    expect(pkg.license).toBe('Apache-2.0');
    expect(text).toMatch(/^Apache License\nVersion 2\.0, January 2004/);
    expect(text).toContain('END OF TERMS AND CONDITIONS');
    expect(text).toContain('Copyright 2026 The truly-open authors');
    expect(text).not.toContain('[yyyy]');
  });
});

describe('issue forms', () => {
  it.each(['bug_report.yml', 'feature_request.yml'])(
    '%s is a valid form: name, description, labelled fields',
    (file) => {
      const form = load(read(`.github/ISSUE_TEMPLATE/${file}`)) as {
        name: string;
        description: string;
        body: { type: string; id?: string; attributes: { label?: string } }[];
      };
      expect(form.name).toBeTruthy();
      expect(form.description).toBeTruthy();
      const fields = form.body.filter((b) => b.type !== 'markdown');
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) {
        expect(field.id).toMatch(/^[a-z][a-z-]*$/);
        expect(field.attributes.label).toBeTruthy();
      }
      expect(new Set(fields.map((f) => f.id)).size).toBe(fields.length);
    },
  );
});

describe('package.json and the lock', () => {
  const pkg = JSON.parse(read('package.json')) as {
    engines: { node: string };
    devDependencies: Record<string, string>;
  };
  const lock = JSON.parse(read('package-lock.json')) as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
  };
  // semver comes with npm's own toolchain (jest, ts-jest); only this test needs it.
  const semver = createRequire(import.meta.url)('semver') as {
    minVersion(range: string): { version: string } | null;
    satisfies(version: string, range: string): boolean;
  };
  const lowest = semver.minVersion(pkg.engines.node)!.version;

  it('every locked package installs on the lowest Node that engines allows (npm ci prints no EBADENGINE)', () => {
    const excluded = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.satisfies(lowest, (p.engines as { node: string }).node))
      .map(([path, p]) => `${path}@${p.version} needs Node ${(p.engines as { node: string }).node}`);
    expect(excluded).toEqual([]);
  });

  it('the Dockerfile and CI run a Node major that engines allows', () => {
    const image = /^FROM node:(\d+)/m.exec(read('Dockerfile'))?.[1];
    expect(image).toBe('20');
    expect(semver.satisfies('20.99.0', pkg.engines.node)).toBe(true);
    expect(semver.satisfies('22.0.0', pkg.engines.node)).toBe(true);
  });

  it('smee-client is pinned, so `npm start` can create a webhook channel without npx', () => {
    expect(pkg.devDependencies['smee-client']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
