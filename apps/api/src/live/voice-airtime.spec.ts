import { TestClock } from '@api/common/clock';
import type { LiveHub } from './live-hub.service';
import { VoiceAirtime } from './voice-airtime';

/** A hub that records what it was asked to apply, answering as told. */
function fakeHub(answer: () => Promise<{ ok: boolean; error?: string }>) {
  const applied: { meetingId: string; commandId: string; payload: Record<string, unknown> }[] = [];
  const hub = {
    apply: async (meetingId: string, command: { commandId: string; payload: Record<string, unknown> }) => {
      const result = await answer();
      applied.push({ meetingId, commandId: command.commandId, payload: command.payload });
      return result;
    },
  };
  return { hub: hub as unknown as LiveHub, applied };
}

describe(VoiceAirtime.name, () => {
  const at = (clock: TestClock, agoMs: number) => new Date(clock.millis() - agoMs).toISOString();

  describe('add', () => {
    it('counts speech once however reports repeat or overlap, and never more than the time that passed', () => {
      const clock = new TestClock(new Date('2030-03-05T10:00:00.000Z'));
      const sut = new VoiceAirtime(fakeHub(async () => ({ ok: true })).hub, clock);
      expect(sut.add('m', 'pat', [{ startedAt: at(clock, 10_000), ms: 4_000 }])).toBe(4_000);
      expect(sut.add('m', 'pat', [{ startedAt: at(clock, 10_000), ms: 4_000 }])).toBe(0);
      expect(sut.add('m', 'pat', [{ startedAt: at(clock, 8_000), ms: 5_000 }])).toBe(3_000);
      // Speech claimed in the future, or long ago: only what lies within the window counts.
      expect(sut.add('m', 'pat', [{ startedAt: at(clock, -60_000), ms: 60_000 }])).toBe(0);
      expect(sut.add('m', 'sam', [{ startedAt: at(clock, 10 * 60_000), ms: 60_000 }])).toBe(0);
      // Neither moved what is counted: speech just now still counts.
      expect(sut.add('m', 'pat', [{ startedAt: at(clock, 2_000), ms: 1_500 }])).toBe(1_500);
      expect(sut.pending('m')).toEqual({ pat: 8_500, sam: 0 });
    });
  });

  describe('flush', () => {
    it('records the sum under a command id of its own, and nothing twice when two records run at once', async () => {
      const clock = new TestClock(new Date('2030-03-05T10:00:00.000Z'));
      const { hub, applied } = fakeHub(async () => ({ ok: true }));
      const sut = new VoiceAirtime(hub, clock);
      sut.add('m', 'pat', [{ startedAt: at(clock, 10_000), ms: 4_000 }]);
      await Promise.all([sut.flush('m', 'pat'), sut.flushAll()]);
      expect(applied.map((a) => a.payload)).toEqual([{ userId: 'pat', ms: 4_000 }]);
      expect(applied[0].commandId).toMatch(/^voice:pat:[0-9a-f]{12}:0$/);
      expect(sut.pending('m')).toEqual({});
    });

    it('keeps the sum for the next minute when the database fails, and drops it when the session has not started', async () => {
      const clock = new TestClock(new Date('2030-03-05T10:00:00.000Z'));
      let answer: () => Promise<{ ok: boolean; error?: string }> = () => Promise.reject(new Error('connection refused'));
      const sut = new VoiceAirtime(fakeHub(() => answer()).hub, clock);
      sut.add('m', 'pat', [{ startedAt: at(clock, 10_000), ms: 4_000 }]);
      await sut.flushAll();
      expect(sut.pending('m')).toEqual({ pat: 4_000 });
      answer = async () => ({ ok: false, error: 'The session has not started.' });
      await sut.flushAll();
      expect(sut.pending('m')).toEqual({ pat: 0 });
    });
  });
});
