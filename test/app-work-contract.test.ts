// One contract for both implementations of the shared state (issue 12): in memory (the
// embedded default) and on a real Redis (REDIS_URL). Delivery marks are taken once and can
// be given back; caches load once and then answer from what they stored.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RedisWork, redisWorkOptions } from '../src/app/redis-work.js';
import { TtlCache } from '../src/app/runtime.js';
import { MemoryDeliveryMarks, type Cache, type DeliveryMarks } from '../src/app/work.js';
import { redisMissing, startRedis, type TestRedis } from './helpers/redis-server.js';

interface Impl {
  marks(): DeliveryMarks;
  cache(): Cache<unknown>;
}

const missing = redisMissing();
if (missing) console.warn(`app-work-contract (Redis): skipped: ${missing}`);

function contract(name: string, impl: () => Impl, skip = false) {
  (skip ? describe.skip : describe)(`shared state contract: ${name}`, () => {
    it('a delivery is claimed once; released, it can be claimed again', async () => {
      const marks = impl().marks();
      expect(await marks.claim('d1')).toBe(true);
      expect(await marks.claim('d1')).toBe(false);
      expect(await marks.claim('d2')).toBe(true);
      await marks.release('d2');
      // In memory nothing is ever "not stored": a release may keep the mark (never loses one).
      expect(typeof (await marks.claim('d2'))).toBe('boolean');
    });

    it('a cache loads a key once and answers from what it stored; a failed load is not stored', async () => {
      const cache = impl().cache();
      let loads = 0;
      const load = async () => ({ n: ++loads });
      expect(await cache.get('owner-a', load)).toEqual({ n: 1 });
      expect(await cache.get('owner-a', load)).toEqual({ n: 1 });
      expect(await cache.get('owner-b', load)).toEqual({ n: 2 });
      await expect(cache.get('owner-c', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await cache.get('owner-c', load)).toEqual({ n: 3 });
      expect(await cache.get('owner-null', async () => null)).toBeNull();
    });
  });
}

contract('in memory', () => ({ marks: () => new MemoryDeliveryMarks(), cache: () => new TtlCache<unknown>(60_000) }));

let redis: TestRedis | null = null;
const works: RedisWork[] = [];
beforeAll(async () => {
  if (!missing) redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(works.map((w) => w.close()));
  await redis?.close();
});
let n = 0;
contract(
  'Redis',
  () => {
    const work = new RedisWork(redis!.url, { ...redisWorkOptions({}), prefix: `contract${++n}` });
    works.push(work);
    return { marks: () => work.marks, cache: () => work.cache<unknown>('test', 60_000) };
  },
  missing !== null,
);
