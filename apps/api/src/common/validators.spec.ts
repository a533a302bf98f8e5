import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsLongText, IsOptionalText, IsText } from './validators';

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
    ])('refuses %s, naming the field', (_what, name, message) => {
      expect(check({ name }).messages).toEqual([message]);
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
});
