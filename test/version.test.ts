// One version for the CLI, the app and the action: package.json's, whichever folder the
// code runs from.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { version } from '../src/version.js';

describe('version()', () => {
  it('is the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version()).toBe(pkg.version);
    expect(version()).not.toBe('0.0.0');
  });
});
