import type { Browser, Page } from 'playwright-core';
import { call } from './call';

/** The password each test person `<key>@example.org` signs in with. */
export const passwordOf = (key: string) => `${key} has a long password`;

/**
 * People registered through the API (the first one facilitates) and a set they all belong to:
 * the first creates it and invites the others as members, who accept. Answers their tokens by key.
 */
export async function setWithPeople(base: string, people: Record<string, string>, set: { name: string; mode: string }): Promise<{ tokens: Record<string, string>; setId: string }> {
  const tokens: Record<string, string> = {};
  for (const [key, name] of Object.entries(people)) {
    tokens[key] = (await call<{ accessToken: string }>(base, 'POST', '/auth/register', { email: `${key}@example.org`, password: passwordOf(key), displayName: name, timeZone: 'Europe/London' })).accessToken;
  }
  const [facilitator, ...members] = Object.keys(people);
  const { id: setId } = await call<{ id: string }>(base, 'POST', '/sets', { ...set, timeZone: 'Europe/London' }, tokens[facilitator]);
  for (const key of members) {
    const invitation = await call<{ token: string }>(base, 'POST', `/sets/${setId}/invitations`, { email: `${key}@example.org`, role: 'member' }, tokens[facilitator]);
    await call(base, 'POST', `/invitations/${invitation.token}/accept`, { acceptGroundRules: true }, tokens[key]);
  }
  return { tokens, setId };
}

/** A page in a browser context of its own, signed in as `<key>@example.org` (the session cookie). */
export async function signedInPage(browser: Browser, base: string, key: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1100, height: 900 } });
  await context.request.post('/api/auth/login', { data: { email: `${key}@example.org`, password: passwordOf(key) } });
  return context.newPage();
}
