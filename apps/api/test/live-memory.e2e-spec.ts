import { randomUUID } from 'node:crypto';
import { LIVE_MESSAGES, type LiveCommandAck, type MeetingResponse } from '@als/shared';
import { TestClock } from '@api/common/clock';
import { LiveDelivery } from '@api/live/live-delivery';
import { LiveHub } from '@api/live/live-hub.service';
import { LiveSessionsService, RECENT_COMMANDS_KEPT, SESSION_KEPT_IDLE_MS } from '@api/live/live-sessions.service';
import { createSet, registerUser, TestUser } from './factories';
import { connect, listen } from './live-client';
import { request, startTestApp, TestApp } from './app';

const command = (meetingId: string, type: string, payload: Record<string, unknown> = {}, commandId: string = randomUUID()) => ({ commandId, meetingId, type, payload });

/** The live layer forgets: what it keeps of a session goes when the session ends, idles or is pushed out, and each part is bounded. */
describe('live sessions: bounded memory', () => {
  let t: TestApp;
  let base: string;
  let fran: TestUser;
  let setId: string;
  const clock = new TestClock(new Date());
  /** What this process holds for one meeting (other test files' sessions share the database, and their timers are scheduled here too). */
  const memoryOf = (meetingId: string) => ({ ...t.app.get(LiveSessionsService).memory(meetingId), ...t.app.get(LiveHub).memory(meetingId), sequencers: t.app.get(LiveDelivery).memory(meetingId).meetings });
  const newMeeting = async () => ((await request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 180, format: 'online' }).expect(201)).body as MeetingResponse).id;

  beforeAll(async () => {
    t = await startTestApp({ LIVE_RATE_LIMIT: '0' }, { clock });
    base = await listen(t);
    fran = await registerUser(t, { displayName: 'Fran' });
    setId = (await createSet(t, fran)).id;
  });
  afterAll(() => t.close());

  it('keeps nothing of a session once it has ended and everyone has left, however many commands it took', async () => {
    const meetingId = await newMeeting();
    const memory = () => memoryOf(meetingId);
    const client = await connect(base, fran.token);
    expect(await client.emit(LIVE_MESSAGES.join, { meetingId })).toMatchObject({ ok: true });
    const first = command(meetingId, 'start');
    expect(await client.emit(LIVE_MESSAGES.command, first)).toEqual({ ok: true, seq: 1 });
    expect(memory()).toMatchObject({ sessions: 1, recentCommands: 1, timers: 1, sequencers: 1 });
    for (let i = 0; i < RECENT_COMMANDS_KEPT + 30; i++) await client.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(meetingId, 'raiseHand'));
    // The command ids remembered are bounded; one forgotten here is still answered from the log.
    expect(memory().recentCommands).toBe(RECENT_COMMANDS_KEPT);
    expect(await client.emit(LIVE_MESSAGES.command, first)).toEqual({ ok: true, seq: 1 });
    expect(await client.emit(LIVE_MESSAGES.command, command(meetingId, 'end'))).toMatchObject({ ok: true });
    expect(memory()).toMatchObject({ sessions: 0, recentCommands: 0, timers: 0, queues: 0 });
    expect(await client.emit(LIVE_MESSAGES.leave, { meetingId })).toEqual({ ok: true });
    expect(memory().sequencers).toBe(0);
    client.close();
  });

  it('forgets a session nobody used for longer than its idle age, and its sequencer when the last socket disconnects', async () => {
    const meetingId = await newMeeting();
    const memory = () => memoryOf(meetingId);
    const client = await connect(base, fran.token);
    await client.emit(LIVE_MESSAGES.join, { meetingId });
    await client.emit(LIVE_MESSAGES.command, command(meetingId, 'start'));
    expect(memory()).toMatchObject({ sessions: 1, sequencers: 1 });
    clock.advance({ milliseconds: SESSION_KEPT_IDLE_MS + 1 });
    expect(memory().sessions).toBe(0);
    // Used again: read back from the database, exactly as it was.
    expect(await client.emit(LIVE_MESSAGES.command, command(meetingId, 'advance'))).toEqual({ ok: true, seq: 2 });
    const gone = new Promise((resolve) => client.socket.once('disconnect', resolve));
    client.close();
    await gone;
    await client.until(() => memory().sequencers === 0, 'the sequencer to go');
  });
});
