// What a deployment gets from app.yml, the Dockerfile and docs/deploy.md: the webhook URL
// Probot registers (and the step that corrects it), least privilege, a stop that waits for
// running evaluations, and an image whose code the app user cannot rewrite.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
// Not in probot's package exports; the setup flow builds the manifest with it.
import { ManifestCreation } from '../node_modules/probot/lib/manifest-creation.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('registration from app.yml', () => {
  it('Probot registers the server root as webhook URL, and the docs say to set /api/github/webhooks', () => {
    const appYml = read('app.yml');
    // A server has no smee channel (WEBHOOK_PROXY_URL), which would take precedence.
    const proxy = process.env.WEBHOOK_PROXY_URL;
    delete process.env.WEBHOOK_PROXY_URL;
    let manifest: { hook_attributes: { url: string }; default_permissions: Record<string, string> };
    try {
      manifest = JSON.parse(
        new ManifestCreation().getManifest({
          pkg: {},
          baseUrl: 'https://openness.example.org',
          readFileSync: () => appYml,
        } as never),
      );
    } finally {
      if (proxy !== undefined) process.env.WEBHOOK_PROXY_URL = proxy;
    }
    // Not the path Probot serves webhooks at: a server deployment must change it.
    expect(manifest.hook_attributes.url).toBe('https://openness.example.org/');
    expect(read('docs/deploy.md')).toMatch(/set the\s+webhook URL to `https:\/\/<host>\/api\/github\/webhooks`/);
    expect(appYml).toMatch(/https:\/\/<host>\/api\/github\/webhooks/);
    // Least privilege stays: release notes are opt-in, and so is the write access they need.
    expect(manifest.default_permissions.contents).toBe('read');
  });

  it('says that release notes need Contents: write', () => {
    expect(read('docs/deploy.md')).toMatch(/Release notes need Contents: write/);
    expect(read('docs/configuration.md')).toMatch(/`release\.notes`.*Contents: write/);
  });
});

describe('the image', () => {
  const dockerfile = read('Dockerfile');
  const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('the build stage has every file `npm run build` runs', () => {
    const build = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['build']!;
    const stage = dockerfile.slice(0, dockerfile.lastIndexOf('\nFROM '));
    const copied = [...stage.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    // Files the build script runs or compiles (`node <file>`, `tsc -p <file>`), and the sources.
    const needed = [...[...build.matchAll(/(?:node|-p) ([^-\s"]\S*)/g)].map((m) => m[1]!), 'src'];
    expect(needed).toEqual(expect.arrayContaining(['tsconfig.build.json', 'scripts/bundle-cli.mjs']));
    for (const file of needed) expect(copied).toContain(file);
  });

  it('copies code and dependencies as root and only runs as node', () => {
    expect(final).toMatch(/COPY --from=build \/app\/node_modules/);
    expect(final).not.toMatch(/--chown/);
    expect(final).toMatch(/^USER node$/m);
  });

  it('documents a stop grace period longer than the app waits for running evaluations', () => {
    const deploy = read('docs/deploy.md');
    expect(deploy).toMatch(/stop_grace_period: 30s/);
    expect(deploy).toMatch(/--init/);
  });
});
