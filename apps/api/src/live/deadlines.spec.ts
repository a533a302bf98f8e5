import { DEADLINE_LATE_MS, Deadlines } from './deadlines';

describe(Deadlines.name, () => {
  let due: [string, number][];
  let sut: Deadlines;

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2026-12-01T10:00:00Z') });
    due = [];
    sut = new Deadlines(
      () => Date.now(),
      (key, id) => due.push([key, id]),
    );
  });

  afterEach(() => {
    sut.clear();
    jest.useRealTimers();
  });

  describe('set', () => {
    it('calls due once, just after the deadline and not before', () => {
      sut.set('m1', 1, Date.now() + 60_000);
      jest.advanceTimersByTime(60_000);
      expect(due).toEqual([]);
      jest.advanceTimersByTime(DEADLINE_LATE_MS);
      expect(due).toEqual([['m1', 1]]);
      jest.advanceTimersByTime(600_000);
      expect(due).toEqual([['m1', 1]]);
      expect(sut.size).toBe(0);
    });

    it('keeps one timeout while the deadline stays where it is, command after command', () => {
      const endsAt = Date.now() + 60_000;
      for (let i = 0; i < 100; i++) sut.set('m1', 1, endsAt);
      expect(jest.getTimerCount()).toBe(1);
      jest.advanceTimersByTime(60_000 + DEADLINE_LATE_MS);
      expect(due).toEqual([['m1', 1]]);
    });

    it('honours a deadline moved later: nothing at the old one, due at the new one, with no new timeout armed meanwhile', () => {
      const endsAt = Date.now() + 60_000;
      sut.set('m1', 1, endsAt);
      sut.set('m1', 1, endsAt + 30_000);
      sut.set('m1', 1, endsAt + 90_000);
      expect(jest.getTimerCount()).toBe(1);
      jest.advanceTimersByTime(60_000 + DEADLINE_LATE_MS);
      expect(due).toEqual([]);
      jest.advanceTimersByTime(89_999);
      expect(due).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(due).toEqual([['m1', 1]]);
    });

    it('honours a deadline moved earlier at once', () => {
      sut.set('m1', 1, Date.now() + 60_000);
      sut.set('m1', 1, Date.now() + 5_000);
      jest.advanceTimersByTime(5_000 + DEADLINE_LATE_MS);
      expect(due).toEqual([['m1', 1]]);
      jest.advanceTimersByTime(600_000);
      expect(due).toEqual([['m1', 1]]);
    });

    it('honours a deadline moved later and back (extended, then shortened again)', () => {
      const endsAt = Date.now() + 60_000;
      sut.set('m1', 1, endsAt);
      sut.set('m1', 1, endsAt + 60_000);
      sut.set('m1', 1, endsAt);
      jest.advanceTimersByTime(60_000 + DEADLINE_LATE_MS);
      expect(due).toEqual([['m1', 1]]);
    });

    it('replaces the timer of a meeting by the next one (another id): only the new one is due', () => {
      sut.set('m1', 1, Date.now() + 10_000);
      sut.set('m1', 2, Date.now() + 20_000);
      jest.advanceTimersByTime(30_000);
      expect(due).toEqual([['m1', 2]]);
    });

    it('reaches a deadline beyond the longest delay a timeout takes', () => {
      sut.set('m1', 1, Date.now() + 30 * 24 * 3_600_000);
      jest.advanceTimersByTime(29 * 24 * 3_600_000);
      expect(due).toEqual([]);
      jest.advanceTimersByTime(24 * 3_600_000 + DEADLINE_LATE_MS);
      expect(due).toEqual([['m1', 1]]);
    });

    it('keeps each meeting apart', () => {
      sut.set('m1', 1, Date.now() + 10_000);
      sut.set('m2', 1, Date.now() + 5_000);
      jest.advanceTimersByTime(5_000 + DEADLINE_LATE_MS);
      expect(due).toEqual([['m2', 1]]);
      jest.advanceTimersByTime(5_000);
      expect(due).toEqual([['m2', 1], ['m1', 1]]);
    });
  });

  describe('delete', () => {
    it('drops the deadline: never due', () => {
      sut.set('m1', 1, Date.now() + 10_000);
      sut.delete('m1');
      jest.advanceTimersByTime(60_000);
      expect(due).toEqual([]);
      expect(jest.getTimerCount()).toBe(0);
      expect(sut.has('m1')).toBe(false);
    });
  });
});
