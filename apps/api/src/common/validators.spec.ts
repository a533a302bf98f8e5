import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { dateProblem, IsBoundedDate, IsEmailAddress, IsLongText, IsOptionalText, IsText, NoControlCharacters, parseBoundedDate } from './validators';

class Sample {
  @IsText(20)
  name!: string;

  @IsOptionalText(20)
  place?: string;

  @IsLongText(200)
  body!: string;
}

function check(values: Record<string, unknown>): { value: Sample; messages: string[] } {
  const value = plainToInstance(Sample, { name: 'Sam', place: '', body: 'A case.', ...values });
  const messages = validateSync(value, { stopAtFirstError: true }).flatMap((e) => Object.values(e.constraints ?? {}));
  return { value, messages };
}

describe('text validators', () => {
  describe('IsText', () => {
    it('accepts and trims an ordinary name', () => {
      const { value, messages } = check({ name: '  Dana Okafor ' });
      expect(messages).toEqual([]);
      expect(value.name).toBe('Dana Okafor');
    });

    it.each([
      ['a NUL', 'Sam\u0000', 'name must not contain control characters'],
      ['an escape', 'Sam\u001b[31m', 'name must not contain control characters'],
      ['a C1 control', 'Sam\u0085x', 'name must not contain control characters'],
      ['a line feed', 'Sam\nBcc: x@y.z', 'name must be a single line (no line breaks)'],
      ['a carriage return', 'Sam\rX', 'name must be a single line (no line breaks)'],
      ['a line separator', 'Sam\u2028X', 'name must be a single line (no line breaks)'],
      ['only zero-width characters', '\u200b\u200d\ufeff', 'name must not be empty'],
      ['only spaces', '   ', 'name must not be empty'],
      ['a lone high surrogate', 'Sam\ud800', 'name must be valid Unicode text (it has half of a surrogate pair)'],
      ['a lone low surrogate', '\udc00Sam', 'name must be valid Unicode text (it has half of a surrogate pair)'],
    ])('refuses %s, naming the field', (_what, name, message) => {
      expect(check({ name }).messages).toEqual([message]);
    });

    it('accepts characters beyond the Basic Multilingual Plane (surrogate pairs) and other scripts', () => {
      expect(check({ name: '👩‍👩‍👧 𝕏 Ωμέγα ا' }).messages).toEqual([]);
    });

    it('turns a tab into a space', () => {
      expect(check({ name: 'Sam\tTaylor' }).value.name).toBe('Sam Taylor');
    });

    it('refuses what is not a string', () => {
      expect(check({ name: 42 }).messages).toEqual(['name must be a string']);
    });
  });

  describe('IsOptionalText', () => {
    it('accepts an empty string but not a control character', () => {
      expect(check({ place: '' }).messages).toEqual([]);
      expect(check({ place: 'Room\u00002' }).messages).toEqual(['place must not contain control characters']);
    });
  });

  describe('IsLongText', () => {
    it('keeps lines and tabs, and makes line ends \\n', () => {
      const { value, messages } = check({ body: 'First line\r\nSecond\tline\rThird' });
      expect(messages).toEqual([]);
      expect(value.body).toBe('First line\nSecond\tline\nThird');
    });

    it('refuses a NUL or a form feed', () => {
      expect(check({ body: 'A\u0000B' }).messages).toEqual(['body must not contain control characters']);
      expect(check({ body: 'A\fB' }).messages).toEqual(['body must not contain control characters']);
    });
  });

  describe('at the edges', () => {
    it.each([
      ['a trailing line feed', { name: 'Sam\n' }, 'name must be a single line (no line breaks)'],
      ['a leading carriage return', { name: '\r\nSam' }, 'name must be a single line (no line breaks)'],
      ['a trailing vertical tab', { name: 'Sam\u000b' }, 'name must not contain control characters'],
      ['a leading form feed in a long text', { body: '\fA case.' }, 'body must not contain control characters'],
      ['only a vertical tab in an optional field', { place: '\u000b' }, 'place must not contain control characters'],
    ])('refuses %s instead of trimming it away', (_what, values, message) => {
      expect(check(values).messages).toEqual([message]);
    });

    it('trims spaces, and tabs and blank lines around a long text', () => {
      const { value, messages } = check({ name: '\u00a0 Sam \u3000', body: '\n\t A case.\n\n' });
      expect(messages).toEqual([]);
      expect(value).toMatchObject({ name: 'Sam', body: 'A case.' });
    });
  });
});

class Raw {
  @NoControlCharacters()
  key?: unknown;

  @NoControlCharacters({ lines: true })
  rule?: unknown;

  @IsEmailAddress()
  email?: unknown;

  @IsBoundedDate({ message: 'at must be an ISO 8601 date-time' })
  at?: unknown;

  @IsBoundedDate({ dateOnly: true })
  day?: unknown;
}

function checkRaw(values: Record<string, unknown>): { value: Raw; messages: string[] } {
  const value = plainToInstance(Raw, { key: 'abc', rule: 'a', email: 'sam@example.org', at: '2031-05-06T09:30', day: '2031-05-06', ...values });
  return { value, messages: validateSync(value, { stopAtFirstError: true }).flatMap((e) => Object.values(e.constraints ?? {})) };
}

describe('NoControlCharacters', () => {
  it('takes a string as sent, spaces and all', () => {
    const { value, messages } = checkRaw({ key: ' a key ' });
    expect(messages).toEqual([]);
    expect(value.key).toBe(' a key ');
  });

  it.each([
    [{ key: 'a\u0000' }, 'key must not contain control characters'],
    [{ key: 'a\nb' }, 'key must be a single line (no line breaks)'],
    [{ rule: 'a\u001b' }, 'rule must not contain control characters'],
  ])('refuses %j', (values, message) => {
    expect(checkRaw(values).messages).toEqual([message]);
  });

  it('lets lines through where they may be, and leaves other types to their own rule', () => {
    expect(checkRaw({ rule: 'a\nb\tc', key: 42 }).messages).toEqual([]);
  });
});

describe('IsEmailAddress', () => {
  it('trims spaces around an address', () => {
    expect(checkRaw({ email: ' sam@example.org ' }).value.email).toBe('sam@example.org');
  });

  it.each([['sam@example.org\n'], ['sam@example.org\r\nBcc: all@example.org'], ['s\u0000am@example.org'], [42], ['not an address']])('refuses %j', (email) => {
    expect(checkRaw({ email }).messages).toHaveLength(1);
    expect(checkRaw({ email }).messages[0]).toMatch(/^email /);
  });
});

describe('dates', () => {
  it.each([
    ['2031-05-06T09:30', false],
    ['2031-05-06T09:30:00+01:00', false],
    ['1900-01-01T00:00:00Z', false],
    ['2200-12-31T23:59:59Z', false],
    ['2031-05-06', false],
    ['2031-05-06', true],
    ['1900-01-01', true],
    ['2200-12-31', true],
  ])('accepts %s (date only: %s)', (value, dateOnly) => {
    expect(dateProblem(value, { dateOnly })).toBeNull();
  });

  it.each([
    ['1899-12-31T23:59:59Z', false, 'must be between the years 1900 and 2200'],
    ['2201-01-01T00:00:00Z', false, 'must be between the years 1900 and 2200'],
    ['9999-12-31T09:30', false, 'must be between the years 1900 and 2200'],
    ['0000-01-01', true, 'must be between the years 1900 and 2200'],
    ['9999-12-31', true, 'must be between the years 1900 and 2200'],
    ['2026-02-30', true, 'must be a real date such as 2027-02-02'],
    ['+010000-01-01T00:00:00Z', false, 'must be an ISO 8601 date and time, such as 2027-02-02T09:30'],
    ['soon', false, 'must be an ISO 8601 date and time, such as 2027-02-02T09:30'],
    ['2031-05-06T09:30', true, 'must be a date such as 2027-02-02'],
    [20310506, true, 'must be a date such as 2027-02-02'],
  ])('refuses %s (date only: %s): %s', (value, dateOnly, problem) => {
    expect(dateProblem(value, { dateOnly })).toBe(problem);
  });

  it('names the field, in its own words for a value that is no date, in the bound’s words for a far one', () => {
    expect(checkRaw({ at: 'soon' }).messages).toEqual(['at must be an ISO 8601 date-time']);
    expect(checkRaw({ at: '9999-01-01T00:00:00Z' }).messages).toEqual(['at must be between the years 1900 and 2200']);
    expect(checkRaw({ day: '1066-10-14' }).messages).toEqual(['day must be between the years 1900 and 2200']);
    expect(checkRaw({ day: 'tomorrow' }).messages).toEqual(['day must be a date such as 2027-02-02']);
  });

  it('parses a date read outside a DTO, or answers 400 naming the field', () => {
    expect(parseBoundedDate('2031-05-06', 'from', { dateOnly: true, zone: 'Europe/London' }).toISO()).toBe('2031-05-06T00:00:00.000+01:00');
    expect(() => parseBoundedDate('9999-12-31', 'to', { dateOnly: true })).toThrow('to must be between the years 1900 and 2200');
  });
});

