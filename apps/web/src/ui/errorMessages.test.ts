import { describe, expect, it } from 'vitest';
import { AuthErrorCode, CommonErrorCode, ERROR_CODES, SetErrorCode } from '@als/shared';
import { ApiError } from '@web/api/client';
import { ERROR_MESSAGES, errorMessage } from './errorMessages';

const apiError = (code: unknown, message = 'The API’s own sentence.') => new ApiError({ statusCode: 409, error: 'Conflict', message, code: code as never });

describe('errorMessage', () => {
  it('words a code this app knows in its own plain language', () => {
    expect(errorMessage(apiError(AuthErrorCode.CsrfMismatch, 'Missing or wrong X-CSRF-Token header: reload the page and try again.'))).toBe('This page is out of date with your sign-in. Reload the page and try again.');
  });

  it('shows the API’s message for a code it does not word, for an unknown code and for none', () => {
    expect(errorMessage(apiError(SetErrorCode.LastFacilitator, 'A set must keep at least one facilitator: hand the role to someone else first.'))).toBe('A set must keep at least one facilitator: hand the role to someone else first.');
    expect(errorMessage(apiError('set.something-new'))).toBe('The API’s own sentence.');
    expect(errorMessage(apiError(undefined))).toBe('The API’s own sentence.');
  });

  it('falls back to a plain sentence for something that is not an error', () => {
    expect(errorMessage(new Error('Failed to read the file.'))).toBe('Failed to read the file.');
    expect(errorMessage('nonsense')).toBe('Something went wrong. Try again.');
  });

  it('words only codes the API can send', () => {
    for (const code of Object.keys(ERROR_MESSAGES)) expect(ERROR_CODES).toContain(code);
  });
});

describe(ApiError.name, () => {
  it('carries a known code and drops one the client does not know', () => {
    expect(apiError(CommonErrorCode.Unavailable).code).toBe(CommonErrorCode.Unavailable);
    expect(apiError('made.up').code).toBeUndefined();
    expect(apiError(42).code).toBeUndefined();
  });
});
