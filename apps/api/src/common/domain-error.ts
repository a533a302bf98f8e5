import { HttpException, HttpStatus } from '@nestjs/common';
import type { ErrorCode, FieldError } from '@als/shared';

const REASONS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
  [HttpStatus.UNAUTHORIZED]: 'Unauthorized',
  [HttpStatus.FORBIDDEN]: 'Forbidden',
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.CONFLICT]: 'Conflict',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Service Unavailable',
};

/**
 * An error a rule throws with its domain's code (`libs/shared/src/errors.ts`); the error filter
 * sends it as `{ statusCode, error, message, code, errors? }`. Throw it through the helpers below:
 * `throw notFound(RoundErrorCode.NotFound, 'Round not found.')`.
 */
export class DomainError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    errors?: FieldError[],
  ) {
    super({ statusCode: status, error: REASONS[status] ?? 'Error', message, code, ...(errors ? { errors } : {}) }, status);
  }
}

/** 400; with `field`, the message is also that field's error (a form shows it beside the field). */
export function badRequest(code: ErrorCode, message: string, field?: string): DomainError {
  return new DomainError(HttpStatus.BAD_REQUEST, code, message, field ? [{ field, message }] : undefined);
}

/** 400 naming several fields at once. */
export function badFields(code: ErrorCode, message: string, errors: FieldError[]): DomainError {
  return new DomainError(HttpStatus.BAD_REQUEST, code, message, errors);
}

export function unauthorized(code: ErrorCode, message: string): DomainError {
  return new DomainError(HttpStatus.UNAUTHORIZED, code, message);
}

export function forbidden(code: ErrorCode, message: string): DomainError {
  return new DomainError(HttpStatus.FORBIDDEN, code, message);
}

export function notFound(code: ErrorCode, message: string): DomainError {
  return new DomainError(HttpStatus.NOT_FOUND, code, message);
}

export function conflict(code: ErrorCode, message: string): DomainError {
  return new DomainError(HttpStatus.CONFLICT, code, message);
}

export function unavailable(code: ErrorCode, message: string): DomainError {
  return new DomainError(HttpStatus.SERVICE_UNAVAILABLE, code, message);
}
