import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import type { AppConfig } from '@api/config/app-config';

export const SESSION_COOKIE = 'als_session';
export const CSRF_COOKIE = 'als_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The web client's session: an httpOnly SameSite cookie with the access token, and a readable
 * CSRF cookie whose value must come back in the X-CSRF-Token header on every changing request.
 */
export function setSessionCookies(response: Response, accessToken: string, config: AppConfig): void {
  const common = { sameSite: 'lax' as const, secure: config.COOKIE_SECURE, path: '/', maxAge: config.ACCESS_TOKEN_TTL_SECONDS * 1000 };
  response.cookie(SESSION_COOKIE, accessToken, { ...common, httpOnly: true });
  response.cookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), { ...common, httpOnly: false });
}

export function clearSessionCookies(response: Response, config: AppConfig): void {
  const common = { sameSite: 'lax' as const, secure: config.COOKIE_SECURE, path: '/' };
  response.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  response.clearCookie(CSRF_COOKIE, common);
}
