import { applyDecorators, BadRequestException } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, isISO8601, IsString, MaxLength, registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';
import { EMAIL_MAX, isValidTimeZone } from '@als/shared';

/**
 * The field may be left out; when given, it is checked, null included. class-validator's
 * IsOptional takes null for absent and lets it through, to a NOT NULL column (a 500) or over a
 * value; a field that has no null in its meaning uses this instead.
 */
export const IsOmittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

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
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Something a reader can see: not only white space, zero-width or other format characters. */
const VISIBLE = /[^\s\p{Cf}\p{Z}]/u;

/*
 * Trimming takes spaces only: JavaScript's trim() also takes line breaks, vertical tabs and form
 * feeds, and a control character or line break at either end would then pass unseen instead of
 * being refused. A single line's line breaks stay, wherever they are, so that they are refused.
 */
const EDGE_SPACES = /^[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+|[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+$/g;
const EDGE_BLANKS = /^[ \t\n\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+|[ \t\n\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+$/g;
/** A single line: trimmed of spaces, tabs become spaces. */
const oneLine = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\t/g, ' ').replace(EDGE_SPACES, '') : value);
/** Several lines: line ends made `\n` (browsers and mail send `\r\n`), trimmed of spaces, tabs and blank lines. */
const lines = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n').replace(EDGE_BLANKS, '') : value);

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

/** Half of a UTF-16 surrogate pair without its other half: not a character (PostgreSQL's jsonb refuses it; text would store U+FFFD). */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a text for a field, as the end of a sentence naming the field; null when nothing is. */
export function textProblem(value: string, options: { multiline: boolean; required: boolean }): string | null {
  if (!options.multiline && /[\r\n\u2028\u2029]/.test(value)) return 'must be a single line (no line breaks)';
  if ((options.multiline ? CONTROL_IN_LINES : CONTROL).test(value)) return 'must not contain control characters';
  if (UNPAIRED_SURROGATE.test(value)) return 'must be valid Unicode text (it has half of a surrogate pair)';
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

/**
 * No control characters (CONTRACT.md), for strings that are not prose and are taken as sent, without
 * trimming: identifiers such as a client's idempotency key, addresses, rules, passwords. Single-line
 * unless `lines`; may be empty. Non-strings are left to the type's own rule.
 */
export function NoControlCharacters(options: { lines?: boolean } = {}): PropertyDecorator {
  return TextRules({ multiline: options.lines ?? false, required: false });
}

/** An e-mail address: trimmed, one line without control characters, a valid address of at most EMAIL_MAX characters. */
export function IsEmailAddress() {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(EDGE_SPACES, '') : value)),
    IsString({ message: '$property must be a valid e-mail address' }),
    NoControlCharacters(),
    IsEmail({}, { message: '$property must be a valid e-mail address' }),
    MaxLength(EMAIL_MAX),
  );
}

/** The years a date may fall in (CONTRACT.md, "Bad input, everywhere"): nothing a person plans or records lies outside them. */
export const DATE_YEARS = { min: 1900, max: 2200 } as const;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What is wrong with a date for a field, as the end of a sentence naming it; null when nothing is.
 * `dateOnly`: a calendar day `YYYY-MM-DD`; otherwise ISO 8601 (a day, or a date and time with or
 * without an offset). The year is the one written, and must lie within DATE_YEARS.
 */
export function dateProblem(value: unknown, options: { dateOnly: boolean }): string | null {
  const shape = options.dateOnly ? 'must be a date such as 2027-02-02' : 'must be an ISO 8601 date and time, such as 2027-02-02T09:30';
  if (typeof value !== 'string') return shape;
  const valid = options.dateOnly ? DATE_ONLY.test(value) : isISO8601(value, { strict: true });
  const parsed = valid ? DateTime.fromISO(value, { setZone: true }) : null;
  if (!parsed?.isValid) return options.dateOnly && DATE_ONLY.test(value) ? 'must be a real date such as 2027-02-02' : shape;
  if (parsed.year < DATE_YEARS.min || parsed.year > DATE_YEARS.max) return `must be between the years ${DATE_YEARS.min} and ${DATE_YEARS.max}`;
  return null;
}

/**
 * A date (`dateOnly`) or an ISO 8601 date and time, within the years 1900–2200. `message` replaces
 * the wording for a value that is not a date at all; the year's bound always names the field.
 */
export function IsBoundedDate(options: { dateOnly?: boolean; message?: string } = {}): PropertyDecorator {
  const dateOnly = options.dateOnly ?? false;
  return (object: object, propertyKey: string | symbol) => {
    const propertyName = String(propertyKey);
    registerDecorator({
      name: dateOnly ? 'isBoundedDay' : 'isBoundedDate',
      target: object.constructor,
      propertyName,
      options: {},
      validator: {
        validate: (value: unknown) => dateProblem(value, { dateOnly }) === null,
        defaultMessage: (args) => {
          const field = args?.property ?? propertyName;
          const problem = dateProblem(args?.value, { dateOnly }) ?? 'is not a valid date';
          // The bound, or an impossible day such as 2026-02-30, is said in its own words.
          return /^must be (between|a real)/.test(problem) || !options.message ? `${field} ${problem}` : options.message;
        },
      },
    });
  };
}

/** For dates read outside a DTO: the day or instant, or a 400 naming the field. */
export function parseBoundedDate(value: string, field: string, options: { dateOnly: boolean; zone?: string }): DateTime {
  const problem = dateProblem(value, options);
  if (problem) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `${field} ${problem}`, errors: [{ field, message: `${field} ${problem}` }] });
  return DateTime.fromISO(value, options.zone ? { zone: options.zone } : { setZone: true });
}

