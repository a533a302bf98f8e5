import fc from 'fast-check';
import { CommandDto, validateCommand, validateMessage, wellFormedEnvelope } from './live.dto';

const meetingId = '6f1c2a52-3b7d-4c8e-9a0f-1d2e3f4a5b6c';
const good = { commandId: 'c-1', meetingId, type: 'extendTimer', payload: { seconds: 60 } };

/** What class-validator alone says of an envelope (the answer wellFormedEnvelope must never contradict). */
const byClassValidator = (value: object) => validateMessage(CommandDto, value);

describe('wellFormedEnvelope', () => {
  it('takes a well-formed command, as class-validator does, with the same fields', () => {
    const sut = wellFormedEnvelope(good);
    expect(sut).toBeInstanceOf(CommandDto);
    expect(sut).toEqual(good);
    expect(byClassValidator(good)).toEqual({ ok: true, value: good });
  });

  it.each([
    ['an unknown field', { ...good, extra: 1 }],
    ['no payload', { commandId: 'c-1', meetingId, type: 'extendTimer' }],
    ['a payload that is an array', { ...good, payload: [] }],
    ['a null payload', { ...good, payload: null }],
    ['a payload that is a string', { ...good, payload: 'x' }],
    ['a commandId of 101 characters', { ...good, commandId: 'c'.repeat(101) }],
    ['an empty commandId', { ...good, commandId: '' }],
    ['a commandId with a space', { ...good, commandId: 'c 1' }],
    ['a commandId with a newline at its end', { ...good, commandId: 'c-1\n' }],
    ['a commandId that is a number', { ...good, commandId: 1 }],
    ['a meetingId that is not a uuid', { ...good, meetingId: 'meeting-1' }],
    ['a meetingId with braces', { ...good, meetingId: `{${meetingId}}` }],
    ['a server command type', { ...good, type: 'expireTimer' }],
    ['a type named after a prototype member', { ...good, type: 'toString' }],
    ['a type that is not a string', { ...good, type: ['extendTimer'] }],
  ])('leaves %s to class-validator, which refuses it', (_, value) => {
    expect(wellFormedEnvelope(value)).toBeNull();
    expect(byClassValidator(value).ok).toBe(false);
  });

  it('never takes an envelope class-validator refuses, nor refuses one it takes but for naming the problem (generated envelopes)', () => {
    const field = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) => fc.oneof(valid, invalid, fc.constant(undefined));
    const envelope = fc.record(
      {
        commandId: field(fc.stringMatching(/^[\w:.-]{1,100}$/), fc.oneof(fc.string(), fc.integer(), fc.constant(null))),
        meetingId: field(fc.uuid(), fc.oneof(fc.string(), fc.uuid().map((id) => id.toUpperCase()), fc.constant(null))),
        type: field(fc.constantFrom('extendTimer', 'ask', 'raiseHand', 'start', 'reviewComment'), fc.oneof(fc.string(), fc.constantFrom('expireTimer', 'recordVoice', 'constructor'))),
        payload: field(fc.dictionary(fc.constantFrom('seconds', 'text', 'onBehalfOf'), fc.oneof(fc.integer(), fc.string())), fc.oneof(fc.array(fc.integer()), fc.string(), fc.constant(null))),
        extra: fc.option(fc.string(), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(envelope, (value) => {
        const plain = JSON.parse(JSON.stringify(value)) as object;
        const fast = wellFormedEnvelope(plain);
        const slow = byClassValidator(plain);
        if (fast) expect(slow).toEqual({ ok: true, value: fast });
        else expect(slow.ok).toBe(false);
      }),
      { seed: 20261201, numRuns: 2000 },
    );
  });
});

describe('validateCommand', () => {
  it('still checks the payload of a well-formed envelope against its command', () => {
    expect(validateCommand({ ...good, payload: { seconds: 'soon' } })).toEqual({ ok: false, error: expect.stringMatching(/^payload\.seconds /) });
    expect(validateCommand({ ...good, type: 'raiseHand', payload: { x: 1 } })).toEqual({ ok: false, error: 'payload.x is not allowed here' });
    expect(validateCommand(good)).toEqual({ ok: true, value: good });
  });

  it('still refuses a message nested too deeply or carrying a prototype key, before anything else', () => {
    let deep: object = {};
    for (let i = 0; i < 70; i++) deep = { a: deep };
    expect(validateCommand({ ...good, payload: deep })).toEqual({ ok: false, error: expect.stringContaining('nested too deeply') });
    expect(validateCommand(JSON.parse(`{"commandId":"c-1","meetingId":"${meetingId}","type":"ask","payload":{"__proto__":{"text":"x"}}}`))).toEqual({ ok: false, error: expect.stringContaining('__proto__') });
    expect(validateCommand([good])).toEqual({ ok: false, error: 'The message must be an object.' });
  });
});
