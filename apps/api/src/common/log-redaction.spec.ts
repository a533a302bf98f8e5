import { redactUrl } from './log-redaction';

describe('redactUrl', () => {
  it.each([
    ['/reset-password/abcDEF123_-xyz', '/reset-password/[token]'],
    ['/reset-password?token=abcDEF123&x=1', '/reset-password?token=[token]&x=1'],
    ['/confirm-email/abcDEF123', '/confirm-email/[token]'],
    ['/api/invitations/secret/accept', '/api/invitations/[token]/accept'],
    ['/api/calendar/secret.ics', '/api/calendar/[token]'],
    ['/api/rsvp/secret', '/api/rsvp/[token]'],
  ])('redacts the token of %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it('leaves other URLs as they are', () => {
    expect(redactUrl('/api/me/sessions')).toBe('/api/me/sessions');
  });
});
