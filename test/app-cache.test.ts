// The pieces behind the request budget: the bounded store, the assessment keys, and the
// PR comment found in a GraphQL answer.
import { describe, expect, it } from '@jest/globals';
import { cacheable, configHash, factsVersion, forCommit, reportKey } from '../src/app/assessments.js';
import { commentFromAnswer } from '../src/app/handlers/pull-request.js';
import { bodyHash } from '../src/app/publish.js';
import { MemoryStore } from '../src/app/store.js';
import { validateDocument } from '../src/config/parse.js';

const repo = { owner: 'acme', repo: 'llm' };
const config = (doc: unknown) => validateDocument(doc).config;

describe('MemoryStore', () => {
  it('forgets the least recently used entry beyond its bound, and entries past their time', async () => {
    let now = 0;
    const store = new MemoryStore<number>(2, 100, () => now);
    await store.set('a', 1);
    await store.set('b', 2);
    expect(await store.get('a')).toBe(1); // a is now the most recently used
    await store.set('c', 3);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe(1);
    now = 100;
    expect(await store.get('c')).toBeUndefined();
    expect(store.size).toBe(1);
  });
});

describe('assessment keys', () => {
  it('differ by tree, by any setting of the config, and by what the online facts depend on', () => {
    const online = { enabled: true, hub: {} };
    const base = reportKey(repo, 't1', config({}), factsVersion('1.0.0', online, false));
    expect(reportKey(repo, 't1', config({}), factsVersion('1.0.0', online, false))).toBe(base);
    expect(reportKey(repo, 't2', config({}), factsVersion('1.0.0', online, false))).not.toBe(base);
    expect(reportKey(repo, 't1', config({ require: 'open-source' }), factsVersion('1.0.0', online, false))).not.toBe(
      base,
    );
    expect(reportKey(repo, 't1', config({ ignore: ['data/**'] }), factsVersion('1.0.0', online, false))).not.toBe(base);
    expect(reportKey(repo, 't1', config({}), factsVersion('1.0.0', online, true))).not.toBe(base);
    expect(reportKey(repo, 't1', config({}), factsVersion('1.0.1', online, false))).not.toBe(base);
    expect(reportKey(repo, 't1', config({}), factsVersion('1.0.0', { enabled: false, hub: {} }, false))).not.toBe(base);
    expect(reportKey({ owner: 'other', repo: 'llm' }, 't1', config({}), factsVersion('1.0.0', online, false))).not.toBe(
      base,
    );
  });

  it('hash a config the same whatever the order of its keys', () => {
    expect(configHash({ a: 1, b: { c: 2, d: 3 } } as never)).toBe(configHash({ b: { d: 3, c: 2 }, a: 1 } as never));
  });

  it('a report is not kept when an online lookup behind it failed', () => {
    const fact = (state: string) => ({ datasets: { d: { state } }, models: {}, github: {}, lineage: [], notes: [] });
    const snapshot = {
      source: 'github',
      location: 'acme/llm',
      revision: 'x',
      entries: [],
      texts: {},
      skipped: [],
    } as const;
    expect(cacheable(snapshot as never)).toBe(true);
    expect(cacheable({ ...snapshot, remote: fact('found') } as never)).toBe(true);
    expect(cacheable({ ...snapshot, remote: fact('unavailable') } as never)).toBe(false);
  });

  it('a cached report speaks of the commit being evaluated', () => {
    const report = { subject: { source: 'github', location: 'acme/llm', revision: 'a' } } as never;
    expect(forCommit(report, 'b')).toMatchObject({ subject: { revision: 'b' } });
  });
});

describe('the PR comment in the GraphQL answer', () => {
  const MARKER = '<!-- truly-open -->';
  const answer = (nodes: object[], totalCount = nodes.length) => ({
    xpr: { pullRequest: { comments: { totalCount, nodes } } },
  });
  const known = { slug: 'truly-open' } as never;
  const unknown = { slug: null } as never;

  it('finds ours, newest first, by the viewer or the bot login', () => {
    const nodes = [
      {
        databaseId: 1,
        body: `${MARKER} old`,
        viewerDidAuthor: true,
        author: { __typename: 'Bot', login: 'truly-open' },
      },
      {
        databaseId: 2,
        body: `${MARKER} new`,
        viewerDidAuthor: false,
        author: { __typename: 'Bot', login: 'truly-open' },
      },
    ];
    expect(commentFromAnswer(answer(nodes), known, MARKER)).toEqual({ id: 2, hash: bodyHash(`${MARKER} new`) });
    expect(commentFromAnswer(answer(nodes.slice(0, 1)), unknown, MARKER)).toEqual({
      id: 1,
      hash: bodyHash(`${MARKER} old`),
    });
  });

  it('says "none" only when the answer holds every comment', () => {
    const spoof = {
      databaseId: 3,
      body: `${MARKER} spoof`,
      viewerDidAuthor: false,
      author: { __typename: 'User', login: 'mallory' },
    };
    expect(commentFromAnswer(answer([spoof]), known, MARKER)).toBeNull();
    expect(commentFromAnswer(answer([spoof], 40), known, MARKER)).toBeUndefined();
    expect(commentFromAnswer(null, known, MARKER)).toBeUndefined();
  });

  it('cannot tell when a bot wrote a marker comment and the app does not know its own name yet', () => {
    const bot = {
      databaseId: 4,
      body: `${MARKER} x`,
      viewerDidAuthor: false,
      author: { __typename: 'Bot', login: 'truly-open' },
    };
    expect(commentFromAnswer(answer([bot]), unknown, MARKER)).toBeUndefined();
  });
});
