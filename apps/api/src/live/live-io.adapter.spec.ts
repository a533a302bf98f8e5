import type { MessageMappingProperties } from '@nestjs/websockets';
import { Subject, type Observable } from 'rxjs';
import type { Socket } from 'socket.io';
import type { AppConfig } from '@api/config/app-config';
import { LiveIoAdapter } from './live-io.adapter';

/** A socket that records what the adapter listens to and sends. */
function fakeSocket() {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const once = new Map<string, () => void>();
  const socket = {
    on: (event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener),
    once: (event: string, listener: () => void) => once.set(event, listener),
    emit: jest.fn(),
  };
  return {
    socket: socket as unknown as Socket,
    emitted: socket.emit,
    /** A message from the client, as socket.io hands it to listeners: its arguments, then the ack if one was asked for. */
    receive: (event: string, ...args: unknown[]) => listeners.get(event)!(...args),
    disconnect: () => once.get('disconnect')?.(),
    listening: () => [...listeners.keys()],
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveIoAdapter.bindMessageHandlers (each message to its handler and the answer to its ack, without RxJS per message)', () => {
  const adapter = new LiveIoAdapter(undefined as never, { PUBLIC_URL: 'http://localhost:3000', NODE_ENV: 'test' } as AppConfig);
  const handler = (message: string, callback: MessageMappingProperties['callback'], isAckHandledManually = false): MessageMappingProperties => ({ message, methodName: message, callback, isAckHandledManually });

  it('hands the handler the message body and acks it with the answer, once, for each message of each event', async () => {
    const { socket, receive, listening } = fakeSocket();
    const seen: unknown[] = [];
    adapter.bindMessageHandlers(socket, [
      handler('session:command', (data: unknown) => {
        seen.push(data);
        return Promise.resolve({ ok: true, seq: (data as { n: number }).n });
      }),
      handler('session:leave', () => Promise.resolve({ ok: true, left: true })),
    ]);
    expect(listening()).toEqual(['session:command', 'session:leave']);
    const ack = jest.fn();
    const other = jest.fn();
    receive('session:command', { n: 1 }, ack);
    receive('session:command', { n: 2 }, other);
    receive('session:leave', { meetingId: 'm' }, ack);
    await settle();
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(ack.mock.calls).toEqual([[{ ok: true, seq: 1 }], [{ ok: true, left: true }]]);
    expect(other.mock.calls).toEqual([[{ ok: true, seq: 2 }]]);
  });

  it('acks an answer given at once (not a promise), and gives no ack for no answer or a message sent without one', async () => {
    const { socket, receive } = fakeSocket();
    const answers: unknown[] = [{ ok: false, error: 'nope' }, undefined, null];
    adapter.bindMessageHandlers(socket, [handler('m', () => answers.shift() as Promise<unknown>)]);
    const acks = [jest.fn(), jest.fn(), jest.fn()];
    for (const ack of acks) receive('m', {}, ack);
    receive('m', { without: 'ack' });
    await settle();
    expect(acks[0].mock.calls).toEqual([[{ ok: false, error: 'nope' }]]);
    expect(acks[1]).not.toHaveBeenCalled();
    expect(acks[2]).not.toHaveBeenCalled();
  });

  it('sends an { event, data } answer as that event instead of an ack, and leaves the ack to a handler that takes it itself', async () => {
    const { socket, receive, emitted } = fakeSocket();
    const manual = jest.fn();
    adapter.bindMessageHandlers(socket, [
      handler('ping', () => Promise.resolve({ event: 'pong', data: { at: 1 } })),
      handler('session:join', (_data: unknown, ack?: (answer: unknown) => void) => {
        manual(ack);
        return Promise.resolve({ ok: true, ignored: 'the handler acks itself' });
      }, true),
    ]);
    const ack = jest.fn();
    const joinAck = jest.fn();
    receive('ping', {}, ack);
    receive('session:join', { meetingId: 'm' }, joinAck);
    await settle();
    expect(emitted.mock.calls).toEqual([['pong', { at: 1 }]]);
    expect(ack).not.toHaveBeenCalled();
    expect(manual).toHaveBeenCalledWith(joinAck);
    expect(joinAck).not.toHaveBeenCalled();
  });

  it('sends each value of an Observable answer until the socket disconnects', async () => {
    const { socket, receive, disconnect } = fakeSocket();
    const values = new Subject<unknown>();
    adapter.bindMessageHandlers(socket, [handler('watch', () => Promise.resolve(values as Observable<unknown>))]);
    const ack = jest.fn();
    receive('watch', {}, ack);
    await settle();
    values.next({ n: 1 });
    values.next({ n: 2 });
    disconnect();
    values.next({ n: 3 });
    expect(ack.mock.calls).toEqual([[{ n: 1 }], [{ n: 2 }]]);
    expect(values.observed).toBe(false);
  });

  it('logs a handler that fails outside Nest’s exception filters, acks nothing, and goes on taking messages', async () => {
    const { socket, receive } = fakeSocket();
    const logged = jest.spyOn((adapter as unknown as { logger: { error: (entry: unknown) => void } }).logger, 'error').mockImplementation(() => undefined);
    let fail: 'rejects' | 'throws' | null = 'rejects';
    adapter.bindMessageHandlers(socket, [
      handler('m', () => {
        if (fail === 'throws') throw new Error('thrown');
        if (fail === 'rejects') return Promise.reject(new Error('broken'));
        return Promise.resolve({ ok: true });
      }),
    ]);
    const first = jest.fn();
    receive('m', {}, first);
    fail = 'throws';
    expect(() => receive('m', {}, first)).not.toThrow();
    await settle();
    expect(first).not.toHaveBeenCalled();
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ message: 'm', error: 'Error: broken' }));
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ message: 'm', error: 'Error: thrown' }));
    fail = null;
    const second = jest.fn();
    receive('m', {}, second);
    await settle();
    expect(second.mock.calls).toEqual([[{ ok: true }]]);
    logged.mockRestore();
  });
});
