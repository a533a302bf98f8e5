import { CommonErrorCode, ERROR_CODES, errorCodeForStatus, isErrorCode, RoundErrorCode, SetErrorCode } from './errors';

describe('error codes', () => {
  describe('ERROR_CODES', () => {
    it('holds every code once, each named <domain>.<what> in lower case', () => {
      expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
      for (const code of ERROR_CODES) expect(code).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/);
      expect(ERROR_CODES).toEqual(expect.arrayContaining([CommonErrorCode.ValidationFailed, SetErrorCode.NotFound, RoundErrorCode.Closed]));
    });
  });

  describe('isErrorCode', () => {
    it('accepts the codes and nothing else', () => {
      expect(isErrorCode('round.closed')).toBe(true);
      expect(isErrorCode('round.opened')).toBe(false);
      expect(isErrorCode(404)).toBe(false);
      expect(isErrorCode(undefined)).toBe(false);
    });
  });

  describe('errorCodeForStatus', () => {
    it('gives the common code of a status, a 4xx it does not name being a bad request and a 5xx a server error', () => {
      expect([400, 401, 403, 404, 409, 413, 415, 429, 503].map(errorCodeForStatus)).toEqual([
        'request.invalid',
        'auth.unauthenticated',
        'access.forbidden',
        'resource.not-found',
        'resource.conflict',
        'request.too-large',
        'request.unsupported-media-type',
        'request.rate-limited',
        'service.unavailable',
      ]);
      expect(errorCodeForStatus(418)).toBe(CommonErrorCode.BadRequest);
      expect(errorCodeForStatus(502)).toBe(CommonErrorCode.Internal);
    });
  });
});
