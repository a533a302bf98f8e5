import * as crypto from 'node:crypto';
import { commandDigest, commandFingerprint, keyedCommandDigest, sameCommand } from './command-fingerprint';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, createHmac: jest.fn(actual.createHmac) };
});

const key = Buffer.alloc(32, 7);
const createHmac = crypto.createHmac as jest.MockedFunction<typeof crypto.createHmac>;

describe('commandFingerprint', () => {
  beforeEach(() => createHmac.mockClear());

  it('answers the digest of the type and payload, whatever order the keys came in', () => {
    const sut = commandFingerprint(key, 'u1', 'ask', { text: 'What now?', onBehalfOf: 'u2' });
    expect(sut).toMatchObject({ actorId: 'u1', digest: commandDigest('ask', { onBehalfOf: 'u2', text: 'What now?' }) });
  });

  it('computes the keyed digest only when it is read, and then the same one as keyedCommandDigest', () => {
    const sut = commandFingerprint(key, 'u1', 'reviewComment', { prompt: 'helped', text: 'The pause', anonymous: true });
    expect(createHmac).not.toHaveBeenCalled();
    expect(sut.keyed).toBe(keyedCommandDigest(key, 'u1', 'reviewComment', { anonymous: true, prompt: 'helped', text: 'The pause' }));
    expect(sut.keyed).toBe(sut.keyed);
    // Once for the fingerprint (read twice, computed once), once for the expected value.
    expect(createHmac).toHaveBeenCalledTimes(2);
  });

  it('is not asked for the keyed digest when a command is compared with one logged with its sender', () => {
    const first = { actorId: 'u1', digest: commandDigest('raiseHand', {}) };
    expect(sameCommand(first, commandFingerprint(key, 'u1', 'raiseHand', {}))).toBe(true);
    expect(sameCommand(first, commandFingerprint(key, 'u2', 'raiseHand', {}))).toBe(false);
    expect(sameCommand(first, commandFingerprint(key, 'u1', 'pass', {}))).toBe(false);
    expect(createHmac).not.toHaveBeenCalled();
  });

  it('still binds a command logged anonymously to its sender: the same person with the same command is recognised, anyone else is not', () => {
    const payload = { prompt: 'helped', text: 'The pause', anonymous: true };
    const first = { actorId: null, digest: keyedCommandDigest(key, 'u1', 'reviewComment', payload) };
    expect(sameCommand(first, commandFingerprint(key, 'u1', 'reviewComment', payload))).toBe(true);
    expect(sameCommand(first, commandFingerprint(key, 'u2', 'reviewComment', payload))).toBe(false);
    expect(sameCommand(first, commandFingerprint(key, 'u1', 'reviewComment', { ...payload, text: 'Another word' }))).toBe(false);
  });
});
