import { AuthErrorCode, BadgeErrorCode, CommonErrorCode, type ErrorCode } from '@als/shared';
import { ApiError } from '@web/api/client';

/**
 * What a person reads for an error code, where the web can say it better than the API's sentence:
 * the API's `message` is written for any client (some name a header or a status), these for a
 * person in this app, saying what to do next. A code not listed here shows the API's own message,
 * which already names what to fix (the set, the meeting, the notice needed), so only codes whose
 * meaning needs no detail from the server are worded here.
 */
export const ERROR_MESSAGES: Partial<Record<ErrorCode, string>> = {
  [CommonErrorCode.MalformedJson]: 'The page sent something the server could not read. Reload the page and try again.',
  [CommonErrorCode.UnsupportedMediaType]: 'The page sent something the server could not read. Reload the page and try again.',
  [CommonErrorCode.Unstorable]: 'One of the values cannot be stored as it is. Check the dates and numbers and try again.',
  [CommonErrorCode.TooLarge]: 'That is too much to send at once. Shorten it and try again.',
  [CommonErrorCode.Unavailable]: 'The service cannot be reached just now. Try again in a minute.',
  [CommonErrorCode.Internal]: 'Something went wrong on our side. Try again in a moment.',
  [CommonErrorCode.Unauthenticated]: 'You are signed out. Sign in again to carry on.',
  [AuthErrorCode.SessionEnded]: 'Your sign-in has ended or expired. Sign in again to carry on.',
  [AuthErrorCode.MalformedAuthorization]: 'Your sign-in could not be read. Sign in again to carry on.',
  [AuthErrorCode.CsrfMismatch]: 'This page is out of date with your sign-in. Reload the page and try again.',
  [BadgeErrorCode.AlreadyDecided]: 'Someone has decided this application meanwhile. Reload the page to see the decision.',
};

const UNKNOWN = 'Something went wrong. Try again.';

/** The sentence to show for a failed request: by its code when this app words it, else the API's message. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return (error.code && ERROR_MESSAGES[error.code]) || error.message || UNKNOWN;
  if (error instanceof Error && error.message) return error.message;
  return UNKNOWN;
}
