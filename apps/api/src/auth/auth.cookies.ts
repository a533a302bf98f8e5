import type { Request, Response } from 'express';
import type { AppConfig } from '@api/config/app-config';

export const SESSION_COOKIE = 'als_session';
export const CSRF_COOKIE = 'als_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The web client's session: an httpOnly SameSite cookie with the access token, and a readable
 * CSRF cookie with the session's CSRF token (CsrfTokens), which must come back in the
 * X-CSRF-Token header on every changing request.
 */
export function setSessionCookies(response: Response, tokens: { accessToken: string; csrfToken: string }, config: AppConfig): void {
  const common = { sameSite: 'lax' as const, secure: config.COOKIE_SECURE, path: '/', maxAge: config.ACCESS_TOKEN_TTL_SECONDS * 1000 };
  response.cookie(SESSION_COOKIE, tokens.accessToken, { ...common, httpOnly: true });
  response.cookie(CSRF_COOKIE, tokens.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(response: Response, config: AppConfig): void {
  const common = { sameSite: 'lax' as const, secure: config.COOKIE_SECURE, path: '/' };
  response.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  response.clearCookie(CSRF_COOKIE, common);
}

/** The access token a request carries: `Authorization: Bearer`, else the session cookie; `malformed` for another Authorization scheme. */
export function credentialsOf(request: Request): { token: string; via: 'bearer' | 'cookie' } | 'malformed' | null {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer (\S+)$/i.exec(header);
    return match ? { token: match[1], via: 'bearer' } : 'malformed';
  }
  const token = ((request.cookies ?? {}) as Record<string, string | undefined>)[SESSION_COOKIE];
  return token ? { token, via: 'cookie' } : null;
}
