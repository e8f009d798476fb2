// The tool version written into reports and printed by `--version`: package.json's, read
// once. This file runs from places at different depths below the package root: src/ and
// lib/ (one folder down), the action bundle dist/action/ and the CLI bundle lib/bundle/ (two
// down), or a chunk of it in lib/bundle/chunks/ (three), so the nearest package.json named
// truly-open wins (dist/action/ has its own, nameless one).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function version(): string {
  cached ??= readVersion();
  return cached;
}

function readVersion(): string {
  for (const candidate of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'truly-open' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not there from this location; try the next one up.
    }
  }
  return '0.0.0';
}
