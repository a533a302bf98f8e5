import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';
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

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A required string, trimmed, not blank, at most `max` characters. */
export function IsText(max: number) {
  return applyDecorators(Transform(trim), IsString(), IsNotEmpty(), MaxLength(max));
}

/** An optional string, trimmed, at most `max` characters (may be empty). */
export function IsOptionalText(max: number) {
  return applyDecorators(Transform(trim), IsString(), MaxLength(max));
}
