import type { LiveEventMessage } from '@als/shared';
import { EARLY_MAX, GAP_WAIT_MS, HELD_MAX, MeetingSequencer, type SequencerPorts } from './meeting-sequencer';

const event = (seq: number): LiveEventMessage => ({ meetingId: 'm1', seq, type: 'handRaised', payload: { userId: `u${seq}`, raised: true }, at: '2031-01-01T09:00:00.000Z', commandId: `c${seq}` });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A sequencer with recording ports: what the room's sockets get (per socket), a log to fill gaps from, and time the test moves. */
function rig(sockets: string[], log = range(1, 5000).map(event)) {
  const received = new Map<string, number[]>(sockets.map((s) => [s, []]));
  /** The sockets in the meeting's room: they enter it as they start joining. */
  const room = new Set<string>();
  const timers: { at: number; task: () => void; cancelled: boolean }[] = [];
  let now = 0;
  const reads: [number, number, number][] = [];
  const ports: SequencerPorts = {
    deliver: (e, except) => {
      for (const [socket, seqs] of received) if (room.has(socket) && !except.includes(socket)) seqs.push(e.seq);
    },
    send: (socket, e) => received.get(socket)!.push(e.seq),
    read: (after, before, limit) => {
      reads.push([after, before, limit]);
      return Promise.resolve(log.filter((e) => e.seq > after && e.seq < before).slice(0, limit));
    },
    later: (ms, task) => {
      const timer = { at: now + ms, task, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    failed: (error) => {
      throw error;
    },
  };
  const sut = new MeetingSequencer(ports);
  /** A socket enters the room and starts joining. */
  const hold = (socket: string) => {
    room.add(socket);
    sut.hold(socket);
  };
  const flush = () => new Promise((r) => setImmediate(r));
  return {
    sut,
    hold,
    received,
    reads,
    /** Moves time on, running what falls due, and lets the log's answers come back. */
    async advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
        timer.cancelled = true;
        timer.task();
      }
      await flush();
      await flush();
    },
    /** Every socket joined the meeting at `seq`. */
    async joinAll(seq: number) {
      for (const socket of sockets) hold(socket);
      for (const socket of sockets) await sut.release(socket, seq);
    },
  };
}

describe(MeetingSequencer.name, () => {
  describe('offer', () => {
    it('delivers events in seq order whatever order they arrive in, each once', async () => {
      const { sut, received, joinAll, reads } = rig(['a', 'b']);
      await joinAll(0);
      for (const seq of [1, 3, 2, 2, 5, 4, 1, 6]) sut.offer(event(seq));
      expect(received.get('a')).toEqual([1, 2, 3, 4, 5, 6]);
      expect(received.get('b')).toEqual([1, 2, 3, 4, 5, 6]);
      // Every gap closed before the wait ran out: nothing read from the log.
      expect(reads).toEqual([]);
    });

    it('fills a gap from the log when the missing events have not come after a short wait, and drops them if they come later', async () => {
      const { sut, received, joinAll, advance, reads } = rig(['a']);
      await joinAll(10);
      sut.offer(event(11));
      sut.offer(event(14));
      sut.offer(event(15));
      await advance(GAP_WAIT_MS - 1);
      expect(received.get('a')).toEqual([11]);
      await advance(1);
      expect(reads).toEqual([[11, 16, expect.any(Number)]]);
      expect(received.get('a')).toEqual([11, 12, 13, 14, 15]);
      sut.offer(event(12));
      sut.offer(event(13));
      sut.offer(event(16));
      expect(received.get('a')).toEqual([11, 12, 13, 14, 15, 16]);
    });

    it('keeps at most EARLY_MAX events waiting: past it, the gap is filled from the log at once', async () => {
      const { sut, received, joinAll, advance } = rig(['a']);
      await joinAll(0);
      for (let seq = 2; seq <= EARLY_MAX + 600; seq++) sut.offer(event(seq));
      expect(sut.holding.early).toBeLessThanOrEqual(EARLY_MAX);
      await advance(0);
      await advance(GAP_WAIT_MS);
      await advance(GAP_WAIT_MS);
      expect(received.get('a')).toEqual(range(1, EARLY_MAX + 600));
      expect(sut.holding.early).toBe(0);
    });
  });

  describe('hold and release (joining)', () => {
    it('gives a joining socket exactly the events after the seq its join answered, after the answer', async () => {
      const { sut, hold, received } = rig(['a', 'new']);
      hold('a');
      await sut.release('a', 0);
      sut.offer(event(1));
      hold('new');
      // Delivered while the newcomer's state is read: kept for it.
      sut.offer(event(2));
      sut.offer(event(3));
      expect(received.get('new')).toEqual([]);
      // Its state was read at 2: it gets 3, and then what follows.
      await sut.release('new', 2);
      sut.offer(event(4));
      expect(received.get('new')).toEqual([3, 4]);
      expect(received.get('a')).toEqual([1, 2, 3, 4]);
    });

    it('gives nothing up to its seq to a socket whose state is ahead of what was delivered here', async () => {
      const { sut, hold, received } = rig(['a', 'new']);
      hold('a');
      await sut.release('a', 0);
      hold('new');
      await sut.release('new', 3);
      for (const seq of [2, 1, 3, 4]) sut.offer(event(seq));
      expect(received.get('new')).toEqual([4]);
      expect(received.get('a')).toEqual([1, 2, 3, 4]);
      expect(sut.holding.ahead).toBe(0);
    });

    it('reads from the log what a socket that joined behind the others needs', async () => {
      const { sut, hold, received, reads } = rig(['first', 'second']);
      hold('first');
      hold('second');
      // The first answered at 5 and starts the meeting's delivery there; the second's state was read earlier, at 2.
      await sut.release('first', 5);
      sut.offer(event(6));
      await sut.release('second', 2);
      sut.offer(event(7));
      expect(reads).toEqual([[2, 6, 3]]);
      expect(received.get('second')).toEqual([3, 4, 5, 6, 7]);
      expect(received.get('first')).toEqual([6, 7]);
    });

    it('keeps at most HELD_MAX events for a joining socket: past it the socket gets none, sees the gap and resyncs', async () => {
      const { sut, hold, received } = rig(['a', 'slow']);
      hold('a');
      await sut.release('a', 0);
      hold('slow');
      for (let seq = 1; seq <= HELD_MAX + 10; seq++) sut.offer(event(seq));
      await sut.release('slow', 0);
      sut.offer(event(HELD_MAX + 11));
      expect(received.get('slow')).toEqual([HELD_MAX + 11]);
    });
  });

  it('lets go of everything when closed', async () => {
    const { sut, hold, joinAll, advance, received } = rig(['a']);
    await joinAll(0);
    sut.offer(event(3));
    hold('b');
    sut.close();
    await advance(GAP_WAIT_MS);
    sut.offer(event(1));
    expect(sut.holding).toEqual({ held: 0, ahead: 0, early: 0 });
    expect(received.get('a')).toEqual([]);
  });
});
