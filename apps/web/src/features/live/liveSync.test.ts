import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENDA, evolve, initialLiveState, type LiveSessionState } from '@als/shared';
import { emptySync, joined, received, resynced, type LiveSync } from './liveSync';
import { OPENING, PAT, serverLog } from './liveTesting';
import { answeredBy, optimisticView, stillPending, type PendingCommand } from './optimistic';

const setup = {
  roster: [
    { userId: 'fran', displayName: 'Fran' },
    { userId: 'pat', displayName: 'Pat' },
    { userId: 'sam', displayName: 'Sam' },
  ],
  agenda: DEFAULT_AGENDA,
  openActions: [],
  defaultDueAt: null,
};
const T0 = Date.parse('2026-11-25T10:00:00.000Z');

/** The server's log: the opening (Fran's question at 6), then Pat's question at 7. */
const LOG = serverLog([...OPENING, [PAT, 'ask', { text: 'What would success look like?' }, 'pat-1']], T0, setup);
const stateAt = (seq: number): LiveSessionState => LOG.slice(0, seq).reduce((s, e) => evolve(s, e), initialLiveState('m1'));
/** The server's answer to a resync from `sinceSeq` when its log is at `upTo`. */
const since = (sinceSeq: number, upTo: number) => ({ ok: true as const, seq: upTo, events: LOG.slice(sinceSeq, upTo), serverTime: new Date(T0).toISOString() });
const event = (seq: number) => LOG[seq - 1];

/** Every order of a list. */
function orders<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** A screen as the hook runs it: the sync, Pat's command on its way, and resyncs answered by the server at `serverSeq`. */
class Screen {
  sync: LiveSync = emptySync;
  pending: PendingCommand[] = [];
  resyncs: number[] = [];
  constructor(public serverSeq: number) {}
  step(step: { sync: LiveSync; resync: boolean }) {
    this.sync = step.sync;
    this.pending = stillPending(this.pending, this.sync.seq);
    if (step.resync) {
      this.resyncs.push(this.sync.seq);
      const answer = since(this.sync.seq, this.serverSeq);
      this.pending = answeredBy(this.pending, answer.events);
      this.step(resynced(this.sync, answer));
    }
  }
  join(seq: number) {
    this.step(joined(this.sync, { state: stateAt(seq), seq }));
  }
  event(seq: number) {
    this.pending = answeredBy(this.pending, [event(seq)]);
    this.step(received(this.sync, event(seq)));
  }
  ack(commandId: string, seq: number) {
    this.pending = stillPending(this.pending.map((p) => (p.commandId === commandId ? { ...p, ackSeq: seq } : p)), this.sync.seq);
  }
  view(): LiveSessionState {
    return optimisticView(this.sync.state!, this.sync.seq, this.pending, { userId: 'pat', role: 'member' }, new Date(T0 + 10_000));
  }
}
const asked = (state: LiveSessionState) => state.questions.map((q) => q.text);

describe('liveSync', () => {
  it('applies events one seq after another and ignores one already applied', () => {
    let sync = joined(emptySync, { state: stateAt(5), seq: 5 }).sync;
    expect(received(sync, event(5))).toEqual({ sync, resync: false });
    sync = received(sync, event(6)).sync;
    expect(sync).toEqual({ state: stateAt(6), seq: 6, heard: 6, early: [] });
    expect(received(sync, event(6))).toEqual({ sync, resync: false });
  });

  it('asks for a resync from the last seq applied when an event is missing, and applies what the resync brings once', () => {
    const sync = joined(emptySync, { state: stateAt(4), seq: 4 }).sync;
    const gap = received(sync, event(6));
    expect(gap).toEqual({ sync: { ...sync, heard: 6 }, resync: true });
    // The resync answers 5…7 (the log moved on meanwhile); the 6 already heard of is applied once, in order.
    const after = resynced(gap.sync, since(4, 7));
    expect(after).toEqual({ sync: { state: stateAt(7), seq: 7, heard: 7, early: [] }, resync: false });
    expect(received(after.sync, event(7)).sync).toBe(after.sync);
  });

  it('takes its seq from the last event applied, not from the seq a resync answer reports', () => {
    const sync = joined(emptySync, { state: stateAt(4), seq: 4 }).sync;
    // An answer whose seq says 5 while it carries 5 and 6 (what the server once sent when a write landed during the read).
    const after = resynced(sync, { ...since(4, 6), seq: 5 });
    expect(after.sync).toMatchObject({ seq: 6 });
    // The broadcast of 6 arrives after: it is not applied a second time.
    expect(asked(received(after.sync, event(6)).sync.state!)).toEqual(['What have you tried?']);
    // An answer whose seq is ahead of the events it carries leaves the screen at the last one applied, still missing the rest.
    const short = resynced(sync, { ...since(4, 5), seq: 7 });
    expect(short.sync).toMatchObject({ seq: 5, heard: 7 });
    expect(short.resync).toBe(true);
  });

  it('keeps a state newer than a join’s or a resync’s whole state', () => {
    const sync = joined(emptySync, { state: stateAt(6), seq: 6 }).sync;
    expect(joined(sync, { state: stateAt(5), seq: 5 }).sync).toEqual(sync);
    expect(resynced(sync, { ok: true, seq: 5, state: stateAt(5), serverTime: '' }).sync).toEqual(sync);
    expect(resynced(sync, { ok: true, seq: 7, state: stateAt(7), serverTime: '' }).sync).toEqual({ state: stateAt(7), seq: 7, heard: 7, early: [] });
  });

  it('keeps events that come before the first join answers, and applies those after the join’s seq on top of its state', () => {
    let sync = received(emptySync, event(3)).sync;
    sync = received(sync, event(6)).sync;
    sync = received(sync, event(6)).sync;
    expect(sync.state).toBeNull();
    expect(sync.early.map((e) => e.seq)).toEqual([3, 6]);
    // The join answers the state at 5: 3 is in it, 6 goes on top.
    const step = joined(sync, { state: stateAt(5), seq: 5 });
    expect(step).toEqual({ sync: { state: stateAt(6), seq: 6, heard: 6, early: [] }, resync: false });
  });

  it('asks for a resync from the join’s seq when an event kept before the join is further on than the next one', () => {
    const step = joined(received(emptySync, event(7)).sync, { state: stateAt(5), seq: 5 });
    expect(step.sync).toMatchObject({ seq: 5, heard: 7, early: [] });
    expect(step.resync).toBe(true);
  });

  it('keeps its own state on a join again (a reconnect) and resyncs from its last seq when the server is further on', () => {
    const sync = joined(emptySync, { state: stateAt(4), seq: 4 }).sync;
    const again = joined(sync, { state: stateAt(6), seq: 6 });
    expect(again.sync).toEqual({ ...sync, heard: 6 });
    expect(again.resync).toBe(true);
    expect(resynced(again.sync, since(4, 6)).sync).toEqual({ state: stateAt(6), seq: 6, heard: 6, early: [] });
    expect(joined(sync, { state: stateAt(4), seq: 4 })).toEqual({ sync, resync: false });
  });

  it('ends in the server’s state, with each event applied once and the command shown once, whatever order the ack and the events arrive in', () => {
    // At seq 5 Pat sends a question; Fran's question is 6, Pat's is 7 (its ack says 7). Each event may also arrive twice.
    const arrivals = ['ack', 'event6', 'event7', 'event6again'];
    for (const order of orders(arrivals)) {
      const screen = new Screen(7);
      screen.join(5);
      screen.pending = [{ commandId: 'pat-1', type: 'ask', payload: { text: 'What would success look like?' }, ackSeq: null }];
      for (const arrival of order) {
        if (arrival === 'ack') screen.ack('pat-1', 7);
        else screen.event(arrival === 'event7' ? 7 : 6);
        // Pat's question is shown once from the moment it is sent: never twice, never dropped before its event is applied.
        expect(asked(screen.view()).filter((t) => t === 'What would success look like?')).toHaveLength(1);
      }
      expect(screen.sync).toEqual({ state: stateAt(7), seq: 7, heard: 7, early: [] });
      expect(screen.pending).toEqual([]);
      expect(asked(screen.view())).toEqual(['What have you tried?', 'What would success look like?']);
      // Event 7 before event 6 is a gap: one resync from 5, never from the ack's seq.
      expect(screen.resyncs.every((from) => from === 5)).toBe(true);
    }
  });
});
