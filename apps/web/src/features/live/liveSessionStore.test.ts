import { describe, expect, it } from 'vitest';
import { evolve, initialLiveState, LIVE_MESSAGES, type LiveActor, type LiveEventMessage, type LiveSessionState } from '@als/shared';
import { LiveSessionStore, type LiveSocket } from './liveSessionStore';
import { FakeSocket, OPENING, PAT, serverLog } from './liveTesting';

type Answer = (message: string, body: Record<string, unknown>) => Promise<unknown>;

const T0 = Date.parse('2030-03-05T09:30:00.000Z');
/** The opening (seq 1–6), then Pat's hand (7). */
const COMMANDS: [LiveActor, string, Record<string, unknown>, string?][] = [...OPENING, [PAT, 'raiseHand', {}]];
const eventsOf = (list: [LiveActor, string, Record<string, unknown>, string?][]) => serverLog(list, T0);
const LOG = eventsOf(COMMANDS);
const stateAt = (seq: number, log = LOG): LiveSessionState => log.slice(0, seq).reduce((s, e) => evolve(s, e), initialLiveState('m1'));
const serverTime = () => new Date(T0).toISOString();

/** A server whose log is `log` up to `seq` (moved by the test), answering joins and resyncs as the API does, for a person of `role`. */
function server(socket: FakeSocket, options: { seq: number; role: 'facilitator' | 'member'; log?: LiveEventMessage[]; command?: Answer }) {
  const log = options.log ?? LOG;
  const at = { seq: options.seq };
  socket.answer = (message, body) => {
    if (message === LIVE_MESSAGES.join) return Promise.resolve({ ok: true, state: stateAt(at.seq, log), seq: at.seq, serverTime: serverTime(), role: options.role });
    if (message === LIVE_MESSAGES.resync) return Promise.resolve({ ok: true, seq: at.seq, events: log.slice(Number(body.sinceSeq), at.seq), serverTime: serverTime() });
    if (message === LIVE_MESSAGES.command && options.command) return options.command(message, body);
    return Promise.reject(new Error(`unexpected ${message}`));
  };
  return at;
}

function rig(userId = 'pat') {
  const socket = new FakeSocket();
  const sut = new LiveSessionStore({ meetingId: 'm1', userId, connect: () => socket as unknown as LiveSocket, now: () => T0 });
  const changes: number[] = [];
  sut.subscribe(() => changes.push(sut.getSnapshot().seq));
  sut.start();
  return { socket, sut, changes };
}

/** Lets the answers (promises) settle. */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe(LiveSessionStore.name, () => {
  describe('join', () => {
    it('takes the state, the seq and the person’s role from the join’s answer, and tells its subscribers', async () => {
      const { socket, sut, changes } = rig();
      server(socket, { seq: 5, role: 'member' });
      socket.fire('connect');
      await settle();
      expect(sut.getSnapshot()).toMatchObject({ state: stateAt(5), seq: 5, role: 'member', connected: true, error: null });
      expect(changes.length).toBeGreaterThan(0);
      expect(socket.of(LIVE_MESSAGES.join)).toEqual([{ meetingId: 'm1', inRoom: false, present: true }]);
    });

    it('joins without counting its account at the meeting when told (the projector, a console in the room)', async () => {
      const socket = new FakeSocket();
      const sut = new LiveSessionStore({ meetingId: 'm1', userId: 'fran', inRoom: true, present: false, connect: () => socket as unknown as LiveSocket, now: () => T0 });
      sut.start();
      server(socket, { seq: 5, role: 'facilitator' });
      socket.fire('connect');
      await settle();
      expect(socket.of(LIVE_MESSAGES.join)).toEqual([{ meetingId: 'm1', inRoom: true, present: false }]);
    });

    it('keeps events that arrive before the first join has answered, and applies them after the join’s state', async () => {
      const { socket, sut } = rig();
      let answer: (value: unknown) => void = () => undefined;
      socket.answer = () => new Promise((resolve) => (answer = resolve));
      socket.fire('connect');
      socket.fire(LIVE_MESSAGES.event, LOG[5]);
      socket.fire(LIVE_MESSAGES.event, LOG[6]);
      answer({ ok: true, state: stateAt(5), seq: 5, serverTime: serverTime(), role: 'member' });
      await settle();
      expect(sut.getSnapshot()).toMatchObject({ state: stateAt(7), seq: 7 });
      expect(socket.of(LIVE_MESSAGES.resync)).toEqual([]);
    });

    it('shows a refused join’s reason', async () => {
      const { socket, sut } = rig();
      socket.answer = () => Promise.resolve({ ok: false, error: 'Meeting not found.' });
      socket.fire('connect');
      await settle();
      expect(sut.getSnapshot()).toMatchObject({ state: null, error: 'Meeting not found.' });
    });
  });

  describe('events', () => {
    it('ignores an event already applied (a duplicate)', async () => {
      const { socket, sut } = rig();
      server(socket, { seq: 5, role: 'member' });
      socket.fire('connect');
      await settle();
      socket.fire(LIVE_MESSAGES.event, LOG[5]);
      const after = sut.getSnapshot();
      socket.fire(LIVE_MESSAGES.event, LOG[5]);
      socket.fire(LIVE_MESSAGES.event, LOG[2]);
      expect(sut.getSnapshot().state).toBe(after.state);
      expect(sut.getSnapshot()).toMatchObject({ seq: 6, state: stateAt(6) });
      expect(sut.getSnapshot().state!.questions).toHaveLength(1);
    });

    it('detects a gap and resyncs from the last seq applied, applying each event once', async () => {
      const { socket, sut } = rig();
      const at = server(socket, { seq: 5, role: 'member' });
      socket.fire('connect');
      await settle();
      at.seq = 7;
      // 7 before 6: a gap.
      socket.fire(LIVE_MESSAGES.event, LOG[6]);
      await settle();
      expect(socket.of(LIVE_MESSAGES.resync)).toEqual([{ meetingId: 'm1', sinceSeq: 5 }]);
      expect(sut.getSnapshot()).toMatchObject({ seq: 7, state: stateAt(7) });
      // The broadcast of 6 arriving late changes nothing.
      socket.fire(LIVE_MESSAGES.event, LOG[5]);
      expect(sut.getSnapshot()).toMatchObject({ seq: 7, state: stateAt(7) });
    });

    it('ignores events of another meeting', async () => {
      const { socket, sut } = rig();
      server(socket, { seq: 5, role: 'member' });
      socket.fire('connect');
      await settle();
      socket.fire(LIVE_MESSAGES.event, { ...LOG[5], meetingId: 'm2' });
      expect(sut.getSnapshot().seq).toBe(5);
    });

    it('stops with a reason, rather than showing a wrong state, at an event type it does not know', async () => {
      const { socket, sut } = rig();
      server(socket, { seq: 5, role: 'member' });
      socket.fire('connect');
      await settle();
      socket.fire(LIVE_MESSAGES.event, { meetingId: 'm1', seq: 6, type: 'teleported', payload: {}, at: serverTime(), commandId: 'x' });
      expect(sut.getSnapshot()).toMatchObject({ seq: 5, state: stateAt(5), error: expect.stringMatching(/out of date/) });
    });
  });

  describe('reconnect', () => {
    it('joins again and resyncs from the last seq applied, keeping its state rather than taking the join’s', async () => {
      const { socket, sut } = rig();
      const at = server(socket, { seq: 5, role: 'member' });
      socket.fire('connect');
      await settle();
      const before = sut.getSnapshot().state;
      socket.fire('disconnect');
      expect(sut.getSnapshot().connected).toBe(false);
      at.seq = 7;
      socket.fire('connect');
      await settle();
      expect(socket.of(LIVE_MESSAGES.join)).toHaveLength(2);
      expect(socket.of(LIVE_MESSAGES.resync)).toEqual([{ meetingId: 'm1', sinceSeq: 5 }]);
      expect(sut.getSnapshot()).toMatchObject({ seq: 7, state: stateAt(7), connected: true });
      expect(before).toEqual(stateAt(5));
    });

    it('does not resync after a reconnect when nothing was missed', async () => {
      const { socket } = rig();
      server(socket, { seq: 5, role: 'member' });
      socket.fire('connect');
      await settle();
      socket.fire('disconnect');
      socket.fire('connect');
      await settle();
      expect(socket.of(LIVE_MESSAGES.resync)).toEqual([]);
    });
  });

  describe('send', () => {
    const question = 'What would success look like?';
    const mine = (state: LiveSessionState | null) => state!.questions.filter((q) => q.text === question);

    it('shows its own command at once and once only, whether its event comes before or after its ack', async () => {
      for (const eventFirst of [true, false]) {
        let ack: (answer: unknown) => void = () => undefined;
        const { socket, sut } = rig();
        server(socket, { seq: 7, role: 'member', command: () => new Promise((resolve) => (ack = resolve)) });
        socket.fire('connect');
        await settle();
        const sent = sut.send('ask', { text: question });
        expect(mine(sut.getSnapshot().state)).toHaveLength(1);
        const { commandId } = socket.of(LIVE_MESSAGES.command)[0];
        const withMine = eventsOf([...COMMANDS, [PAT, 'ask', { text: question }, String(commandId)]]);
        if (eventFirst) socket.fire(LIVE_MESSAGES.event, withMine[7]);
        expect(mine(sut.getSnapshot().state)).toHaveLength(1);
        ack({ ok: true, seq: 8 });
        expect(await sent).toEqual({ ok: true, seq: 8 });
        expect(mine(sut.getSnapshot().state)).toHaveLength(1);
        if (!eventFirst) socket.fire(LIVE_MESSAGES.event, withMine[7]);
        expect(sut.getSnapshot()).toMatchObject({ seq: 8, state: stateAt(8, withMine) });
      }
    });

    it('takes a refused command off the screen and answers why', async () => {
      const { socket, sut } = rig();
      server(socket, { seq: 7, role: 'member', command: () => Promise.resolve({ ok: false, error: 'It is fran’s turn.' }) });
      socket.fire('connect');
      await settle();
      expect(await sut.send('ask', { text: question })).toEqual({ ok: false, error: 'It is fran’s turn.' });
      expect(mine(sut.getSnapshot().state)).toHaveLength(0);
      expect(sut.getSnapshot().state).toEqual(stateAt(7));
    });

    it('decides what it shows at once for the person’s real role: a facilitator’s command shows, a member’s attempt at it does not', async () => {
      for (const [userId, role, shown] of [['fran', 'facilitator', true], ['pat', 'member', false]] as const) {
        const { socket, sut } = rig(userId);
        server(socket, { seq: 7, role, command: () => new Promise(() => undefined) });
        socket.fire('connect');
        await settle();
        void sut.send('pause');
        expect(sut.getSnapshot().state!.paused).toBe(shown);
      }
    });

    it('refuses to send while disconnected', async () => {
      const { sut } = rig();
      expect(await sut.send('raiseHand')).toEqual({ ok: false, error: 'Not connected: reconnecting…' });
    });
  });
});
