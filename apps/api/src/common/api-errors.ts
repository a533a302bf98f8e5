import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ERROR_CODES, type ApiErrorBody, type ErrorCode, type FieldError } from '@als/shared';

class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
}

/** The one error body of the API (CONTRACT.md): `{ statusCode, error, message }`, plus per-field errors on 400. */
export class ApiErrorResponseDto implements ApiErrorBody {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode', example: 'validation.failed', description: 'What went wrong, as a stable code (README, Error codes)' }) code: ErrorCode;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'On validation errors: one entry per field' }) errors?: FieldErrorDto[];
}

const WHY: Record<number, string> = {
  400: 'Input failed validation (the message and `errors` name the fields), or malformed JSON',
  401: 'No valid credentials',
  403: 'A member lacking the role this needs, or a cookie request without the CSRF header',
  404: 'It does not exist, or the caller may not know it exists (not a member of the set)',
  409: 'Conflicts with the current state',
  413: 'The body is larger than 100 kB',
  429: 'Too many attempts: wait a minute',
  503: 'The database is not reachable: try again later',
};

/** Documents the error answers a route can give, all with the contract's error body. */
export function ApiErrors(...statuses: (keyof typeof WHY)[]) {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: WHY[status], type: ApiErrorResponseDto })));
}
