import type { RedisConnection } from '@api/common/redis';
import { loadConfig } from '@api/config/app-config';
import { LIVE_RATE_WINDOW_SECONDS, LiveRateLimit } from './live-rate-limit';

/** Without Redis (one process): the limit in memory, which forgets a person once their window has passed. */
describe(LiveRateLimit.name, () => {
  const limiter = (limit: number) => {
    const sut = new LiveRateLimit(loadConfig({ NODE_ENV: 'test', LIVE_RATE_LIMIT: String(limit), JWT_SECRET: 'x'.repeat(40), DATA_DIR: '/tmp' }), { client: null } as unknown as RedisConnection);
    sut.onApplicationBootstrap();
    return sut;
  };
  beforeEach(() => jest.useFakeTimers({ now: new Date('2031-01-01T09:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('allows LIVE_RATE_LIMIT messages a person a minute, then refuses until the minute has passed', async () => {
    const sut = limiter(3);
    expect([await sut.allow('pat'), await sut.allow('pat'), await sut.allow('pat'), await sut.allow('pat')]).toEqual([true, true, true, false]);
    expect(await sut.allow('sam')).toBe(true);
    jest.advanceTimersByTime(LIVE_RATE_WINDOW_SECONDS * 1000 + 1);
    expect(await sut.allow('pat')).toBe(true);
  });

  it('forgets everyone whose window has passed: its counts are bounded by the people active in the last minute', async () => {
    const sut = limiter(5);
    const people = Array.from({ length: 2000 }, (_, i) => `person-${i}`);
    for (const person of people) await sut.allow(person);
    expect(await sut.counted('person-0')).toBe(1);
    jest.advanceTimersByTime(LIVE_RATE_WINDOW_SECONDS * 1000 + 1);
    const left = await Promise.all(people.map((person) => sut.counted(person)));
    expect(left.filter((n) => n > 0)).toEqual([]);
  });

  it('counts nothing when LIVE_RATE_LIMIT is 0', async () => {
    const sut = limiter(0);
    for (let i = 0; i < 50; i++) expect(await sut.allow('pat')).toBe(true);
  });
});
