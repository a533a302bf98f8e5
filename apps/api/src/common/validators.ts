import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';
import { isValidTimeZone } from '@als/shared';

/** An IANA time zone name such as `Europe/London`. */
export function IsTimeZone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as Europe/London`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value) },
    });
}

/** C0 controls, DEL and C1 controls: never in any text (U+0000 alone breaks PostgreSQL's text and jsonb). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, but tab and newline, which a text of several lines may hold. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Something a reader can see: not only white space, zero-width or other format characters. */
const VISIBLE = /[^\s\p{Cf}\p{Z}]/u;

/** A single line: trimmed, tabs become spaces (a CR or LF is kept, so that it is refused). */
const oneLine = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\t/g, ' ').trim() : value);
/** Several lines: trimmed, line ends made `\n` (browsers and mail send `\r\n`). */
const lines = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : value);

/**
 * The text rules of CONTRACT.md ("Bad input, everywhere"): no control characters (in a single
 * line, no line breaks either) and, when required, something visible. The message names the field.
 */
function TextRules(options: { multiline: boolean; required: boolean }): PropertyDecorator {
  return (object: object, propertyKey: string | symbol) => {
    const propertyName = String(propertyKey);
    registerDecorator({
      name: options.multiline ? 'isTextOfLines' : 'isSingleLineText',
      target: object.constructor,
      propertyName,
      options: {},
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || textProblem(value, options) === null,
        defaultMessage: (args) => `${args?.property ?? propertyName} ${textProblem(String(args?.value ?? ''), options) ?? 'is not valid text'}`,
      },
    });
  };
}

/** What is wrong with a text for a field, as the end of a sentence naming the field; null when nothing is. */
export function textProblem(value: string, options: { multiline: boolean; required: boolean }): string | null {
  if (!options.multiline && /[\r\n\u2028\u2029]/.test(value)) return 'must be a single line (no line breaks)';
  if ((options.multiline ? CONTROL_IN_LINES : CONTROL).test(value)) return 'must not contain control characters';
  if (options.required && !VISIBLE.test(value)) return 'must not be empty';
  return null;
}

/** A required single line (names, titles, e-mail subjects): trimmed, visible, at most `max` characters. */
export function IsText(max: number) {
  return applyDecorators(Transform(oneLine), IsString(), TextRules({ multiline: false, required: true }), MaxLength(max));
}

/** An optional single line (may be empty), trimmed, at most `max` characters. */
export function IsOptionalText(max: number) {
  return applyDecorators(Transform(oneLine), IsString(), TextRules({ multiline: false, required: false }), MaxLength(max));
}

/** A required text of one or more lines (a case, a question, a reflection): trimmed, visible, at most `max` characters. */
export function IsLongText(max: number) {
  return applyDecorators(Transform(lines), IsString(), TextRules({ multiline: true, required: true }), MaxLength(max));
}

/** An optional text of one or more lines (may be empty), trimmed, at most `max` characters. */
export function IsOptionalLongText(max: number) {
  return applyDecorators(Transform(lines), IsString(), TextRules({ multiline: true, required: false }), MaxLength(max));
}
