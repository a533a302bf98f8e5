import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DomainTxtResolver } from '@api/organisations/domain-txt-resolver';
import { request, type TestApp } from './app';
import type { TestUser } from './factories';

export const CALLBACK = 'http://app.test/api/auth/oidc/callback';

/** A test OpenID provider (oidc-provider), a process of its own; `clients` as `id:secret,…`. Answers its issuer. */
export async function startProvider(clients?: string): Promise<{ issuer: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], { env: { ...process.env, REDIRECT_URI: CALLBACK, NODE_ENV: 'test', ...(clients ? { CLIENTS: clients } : {}) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve((JSON.parse(line) as { issuer: string }).issuer);
    });
    child.once('exit', (code) => reject(new Error(`the provider exited (${code})`)));
  });
  return { issuer, child };
}

/** A browser's cookies for one site. */
export class Jar {
  private readonly cookies = new Map<string, string>();
  take(setCookie: string[]): void {
    for (const c of setCookie) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface Account {
  sub: string;
  email: string;
  verified?: boolean;
  name?: string;
}

export interface SignInOptions {
  returnTo?: string;
  /** Sign in with this organisation's own provider (the platform's without it). */
  organisationId?: string;
  toProvider?: (url: URL) => void;
  toApp?: (url: URL) => void;
}

/**
 * A browser signing in: the app's start (302 to the provider), the provider's login and consent
 * as `account`, back to the app's callback. `toProvider` may change the provider's URL on the way
 * there, `toApp` the callback's on the way back. Answers the app's last answer, the browser's
 * cookies and the provider it went to.
 */
export async function signInWithProvider(t: TestApp, account: Account, options: SignInOptions = {}) {
  const app = new Jar();
  const idp = new Jar();
  const query: Record<string, string> = {};
  if (options.returnTo !== undefined) query.returnTo = options.returnTo;
  if (options.organisationId !== undefined) query.organisationId = options.organisationId;
  const start = await request(t.http).get('/api/auth/oidc/start').query(query).expect(302);
  app.take((start.headers['set-cookie'] as unknown as string[]) ?? []);
  let next = new URL(start.headers.location as string);
  const providerOrigin = next.origin;
  options.toProvider?.(next);
  for (let hop = 0; hop < 12; hop++) {
    if (next.href.startsWith(CALLBACK)) break;
    if (next.pathname.startsWith('/interaction/')) {
      next.searchParams.set('sub', account.sub);
      next.searchParams.set('email', account.email);
      next.searchParams.set('verified', String(account.verified ?? true));
      if (account.name) next.searchParams.set('name', account.name);
    }
    const answer = await fetch(next, { redirect: 'manual', headers: { cookie: idp.header() } });
    idp.take(answer.headers.getSetCookie());
    const location = answer.headers.get('location');
    if (!location) throw new Error(`the provider answered ${answer.status} at ${next.href}: ${await answer.text()}`);
    next = new URL(location, next);
  }
  expect(next.href.startsWith(CALLBACK)).toBe(true);
  options.toApp?.(next);
  const callback = await request(t.http).get(`${next.pathname}${next.search}`).set('Cookie', app.header());
  app.take((callback.headers['set-cookie'] as unknown as string[]) ?? []);
  return { callback, app, providerOrigin };
}

/** The DNS records the app's resolver sees in this test: TXT records by domain (none elsewhere). */
export function fakeDns(t: TestApp): Map<string, string[]> {
  const records = new Map<string, string[]>();
  jest.spyOn(t.app.get(DomainTxtResolver), 'resolveTxt').mockImplementation((domain: string) => Promise.resolve(records.get(domain) ?? []));
  return records;
}

/** Verifies one of the organisation's domains as its admin would: publishes its TXT record (in `dns`), then asks. */
export async function verifyDomain(t: TestApp, dns: Map<string, string[]>, admin: TestUser, organisationId: string, domain: string): Promise<void> {
  const { domains } = (await request(t.http).get(`/api/organisations/${organisationId}/domains`).set(admin.auth).expect(200)).body as { domains: { domain: string; txtRecord: string }[] };
  const claim = domains.find((d) => d.domain === domain);
  if (!claim) throw new Error(`${domain} is not claimed by ${organisationId}`);
  dns.set(domain, [...(dns.get(domain) ?? []), claim.txtRecord]);
  await request(t.http).post(`/api/organisations/${organisationId}/domains/${domain}/verify`).set(admin.auth).expect(200);
}
