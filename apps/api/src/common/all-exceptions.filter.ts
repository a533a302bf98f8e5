import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { CommonErrorCode, errorCodeForStatus, isErrorCode, type ApiErrorBody, type ErrorCode } from '@als/shared';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The answer to input that reached the database without a validator refusing it first (the fuzz test makes sure none does). */
export const UNSTORABLE = 'A value in the request cannot be stored: check what you sent and try again.';

/** The error body the API sends: the contract's, always with its `code`. */
export type ApiErrorAnswer = ApiErrorBody & { code: ErrorCode };

/**
 * Turns anything thrown while handling a request into the contract's `{ statusCode, error, message }`
 * with a `code`: the thrower's (`DomainError`), else one for what it is (validation, a unique
 * constraint, body parsing), else one for its status.
 */
export function toErrorBody(exception: unknown): ApiErrorAnswer {
  if (exception instanceof ThrottlerException) {
    return { statusCode: 429, error: REASONS[429], message: 'Too many attempts. Wait a minute and try again.', code: CommonErrorCode.RateLimited };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const body = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? exception.message);
    const errors = Array.isArray(body.errors) ? (body.errors as ApiErrorBody['errors']) : undefined;
    const code = isErrorCode(body.code) ? body.code : errors ? CommonErrorCode.ValidationFailed : errorCodeForStatus(statusCode);
    return {
      statusCode,
      error: REASONS[statusCode] ?? String(body.error ?? 'Error'),
      message,
      code,
      ...(errors ? { errors } : {}),
    };
  }
  const sqlState = exception instanceof QueryFailedError ? (exception.driverError as { code?: string })?.code : undefined;
  if (sqlState === '23505') return { statusCode: 409, error: REASONS[409], message: 'This already exists.', code: CommonErrorCode.AlreadyExists };
  // A data exception (class 22: a value PostgreSQL cannot take, such as U+0000 in text or a date
  // past its range) comes from input that validation should have refused: still never a 500.
  if (sqlState?.startsWith('22')) return { statusCode: 400, error: REASONS[400], message: UNSTORABLE, code: CommonErrorCode.Unstorable };
  const status = (exception as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Errors of body parsing (malformed JSON, oversized body, bad charset) carry their status.
    const type = (exception as { type?: string }).type;
    const message =
      type === 'entity.too.large'
        ? 'The request body is too large.'
        : type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : String((exception as Error).message);
    const code = type === 'entity.parse.failed' ? CommonErrorCode.MalformedJson : errorCodeForStatus(status);
    return { statusCode: status, error: REASONS[status] ?? 'Bad Request', message, code };
  }
  return { statusCode: 500, error: REASONS[500], message: 'Something went wrong on our side. Please try again.', code: CommonErrorCode.Internal };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    } else if (body.message === UNSTORABLE) {
      this.logger.warn(`input reached the database unvalidated: ${exception instanceof Error ? exception.message : String(exception)}`);
    }
    if (response.headersSent) return;
    // A rate limit says when to come back (auth's TooManyAttemptsException).
    const retryAfter = (exception as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (body.statusCode === 429 && typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    // An error is JSON whatever the route answers when it succeeds (a calendar, a CSV, a PDF download).
    response.removeHeader('Content-Disposition');
    response.status(body.statusCode).type('application/json').json(body);
  }
}
