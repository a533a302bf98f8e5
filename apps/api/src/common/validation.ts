import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { CommonErrorCode, type FieldError } from '@als/shared';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // A nested field's message names it in full (`phaseDeadlines.clarifying must …`), as its field does.
    const named = (message: string) => (parent && message.startsWith(`${error.property} `) ? `${field}${message.slice(error.property.length)}` : message);
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: named(message.replace(/^property (\S+) should not exist$/, '$1 is not an accepted field')),
    }));
    return own.concat(flatten(error.children ?? [], field));
  });
}

/** The global pipe: whitelist, refuse unknown fields, and name every failing field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: fieldErrors.map((e) => e.message).join('; ') || 'The request is not valid',
        code: CommonErrorCode.ValidationFailed,
        errors: fieldErrors,
      });
    },
  });
}
