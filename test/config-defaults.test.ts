import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig, REQUIREMENTS as BARE_REQUIREMENTS } from '../src/config/defaults.js';
import { parseConfig } from '../src/config/parse.js';
import { readConfigFile } from '../src/config/read.js';
import { configSchema, DEFAULT_CONFIG, REQUIREMENTS } from '../src/config/schema.js';

// defaults.ts restates what the zod schema gives, so the CLI can start without zod.
describe('config defaults without the schema', () => {
  it('equal what the schema parses from an empty document', () => {
    expect(defaultConfig()).toStrictEqual(configSchema.parse({}));
    expect(defaultConfig()).toStrictEqual(DEFAULT_CONFIG);
    expect(defaultConfig()).toStrictEqual(parseConfig('').config);
  });

  it('are a fresh object each time, as callers may change theirs', () => {
    const a = defaultConfig();
    a.ignore.push('data/**');
    (a.release as { notes: boolean }).notes = true;
    expect(defaultConfig().ignore).toEqual([]);
    expect(defaultConfig().release).toEqual({ notes: false });
  });

  it('share the requirement names with the schema', () => {
    expect(REQUIREMENTS).toBe(BARE_REQUIREMENTS);
    expect(configSchema.shape.require.unwrap().options).toEqual([...BARE_REQUIREMENTS]);
  });

  it('are what readConfigFile gives for a folder without a config file, as parseConfig would', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truly-open-defaults-'));
    try {
      expect(await readConfigFile(dir)).toStrictEqual({ ...parseConfig(''), path: null });
      fs.mkdirSync(path.join(dir, '.github'));
      fs.writeFileSync(path.join(dir, '.github', 'truly-open.yml'), 'ignore: ["data/**"]\n');
      const found = await readConfigFile(dir);
      expect(found.config.ignore).toEqual(['data/**']);
      expect(found.problems).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the engine reads the configuration through its own shape', () => {
  test('a validated Config is an EngineConfig (checked by the compiler; this keeps the check in the suite)', async () => {
    const { DEFAULT_CONFIG } = await import('../src/config/schema.js');
    const asEngine: import('../src/core/engine-config.js').EngineConfig = DEFAULT_CONFIG;
    expect(asEngine).toBe(DEFAULT_CONFIG);
  });
});
