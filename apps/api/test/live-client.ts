import type { AddressInfo } from 'node:net';
import { io, Socket } from 'socket.io-client';
import { LIVE_MESSAGES, type LiveEventMessage, type LivePresence } from '@als/shared';
import { startTestApp, type TestApp } from './app';

/** Two API processes on this file's database, talking through Redis, the second listening. */
export interface TwoProcesses {
  one: TestApp;
  two: TestApp;
  baseTwo: string;
  /** Live clients a test opened: closed after the block. */
  clients: LiveClient[];
}

/** Starts two processes before the describe block's tests and closes them (and the clients the tests pushed) after it. */
export function twoProcesses(redisUrl: string): TwoProcesses {
  const processes = { clients: [] as LiveClient[] } as TwoProcesses;
  beforeAll(async () => {
    processes.one = await startTestApp({ LIVE_RATE_LIMIT: '0', REDIS_URL: redisUrl });
    processes.two = await startTestApp({ LIVE_RATE_LIMIT: '0', REDIS_URL: redisUrl });
    await listen(processes.one);
    processes.baseTwo = await listen(processes.two);
  });
  afterAll(async () => {
    for (const c of processes.clients) c.close();
    await processes.one?.close();
    await processes.two?.close();
  });
  return processes;
}

/** Makes the test app listen on a free port (socket.io needs a real server) and answers its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export interface LiveClient {
  socket: Socket;
  events: LiveEventMessage[];
  presence: LivePresence[];
  closed: string[];
  emit<T = unknown>(message: string, body: unknown): Promise<T>;
  /** Waits until `check` holds over what arrived (events, presence, closes). */
  until(check: () => boolean, what: string, ms?: number): Promise<void>;
  close(): void;
}

/** A socket.io client on /live, connected (or rejected: then it throws the connect_error message). */
export async function connect(baseUrl: string, token: string | undefined, options: { extraHeaders?: Record<string, string> } = {}): Promise<LiveClient> {
  const socket = io(`${baseUrl}/live`, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false, forceNew: true, extraHeaders: options.extraHeaders });
  const client: LiveClient = {
    socket,
    events: [],
    presence: [],
    closed: [],
    // An answer that never comes fails the test; a slow one on a loaded CI machine (hundreds of commands at once) does not.
    emit: (message, body) => socket.timeout(15_000).emitWithAck(message, body),
    until: async (check, what, ms = 5000) => {
      const deadline = Date.now() + ms;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => socket.close(),
  };
  socket.on(LIVE_MESSAGES.event, (event: LiveEventMessage) => client.events.push(event));
  socket.on(LIVE_MESSAGES.presence, (presence: LivePresence) => client.presence.push(presence));
  socket.on(LIVE_MESSAGES.closed, ({ reason }: { reason: string }) => client.closed.push(reason));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return client;
}
