/**
 * Secrets that travel in URLs (invitation, calendar-feed, one-click, password-reset and
 * e-mail-confirmation tokens, as path segments or a `token` parameter) replaced before a URL is logged.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/\/invitations\/[^/?]+/, '/invitations/[token]')
    .replace(/\/calendar\/[^/?]+/, '/calendar/[token]')
    .replace(/\/(rsvp|email-preferences|report-back|reminders-off|reset-password|confirm-email)\/[^/?]+/, '/$1/[token]')
    .replace(/([?&]token=)[^&#]*/gi, '$1[token]');
}
