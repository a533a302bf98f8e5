import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiProcess, freePort, ROOT, startApi } from './support/api-process';
import { ARTIFACTS, launchChromium } from './support/browser';
import { call } from './support/call';
import { startDnsServer } from './support/dns-server';

/** The test OpenID provider of the API's tests (oidc-provider), on a loopback http issuer; `clients` as `id:secret,…`. */
async function startProvider(redirectUri: string, clients?: string): Promise<{ issuer: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'apps/api/test/oidc-provider.mjs')], { cwd: join(ROOT, 'apps/api'), env: { ...process.env, REDIRECT_URI: redirectUri, ...(clients ? { CLIENTS: clients } : {}) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]) as { issuer: string }).issuer);
    });
    child.once('exit', (code) => reject(new Error(`the provider exited (${code})`)));
  });
  return { issuer, child };
}

describe('single sign-on in Chromium', () => {
  let api: ApiProcess;
  let platform: { issuer: string; child: ChildProcess };
  let own: { issuer: string; child: ChildProcess };
  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  const records = new Map<string, string[]>();
  let browser: Browser;
  let admin: { accessToken: string };
  let organisationId: string;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    const port = await freePort();
    const callback = `http://127.0.0.1:${port}/api/auth/oidc/callback`;
    [platform, own] = await Promise.all([startProvider(callback), startProvider(callback, 'north-client:north-client-secret-0123456789')]);
    dns = await startDnsServer(records);
    api = await startApi({ port, env: { OIDC_ISSUER: platform.issuer, OIDC_CLIENT_ID: 'als-test', OIDC_CLIENT_SECRET: 'als-test-secret-0123456789', OIDC_NAME: 'Northshire account', SSO_SECRET_KEY: 'e2e-sso-secret-key-e2e-sso-secret-key-0123456789', DNS_SERVERS: dns.address } });
    browser = await launchChromium();
    admin = await call<{ accessToken: string }>(api.baseUrl, 'POST', '/auth/register', { email: 'ada@northshire.example.org', password: 'ada has a long password', displayName: 'Ada Admin' });
    organisationId = (await call<{ id: string }>(api.baseUrl, 'POST', '/organisations', { name: 'Northshire Council', emailDomains: ['staff.northshire.example.org'] }, admin.accessToken)).id;
    // The council publishes its TXT record; the API's resolver finds it (DNS_SERVERS).
    const { domains } = await call<{ domains: { txtRecord: string }[] }>(api.baseUrl, 'GET', `/organisations/${organisationId}/domains`, undefined, admin.accessToken);
    records.set('staff.northshire.example.org', [domains[0].txtRecord]);
    await call(api.baseUrl, 'POST', `/organisations/${organisationId}/domains/staff.northshire.example.org/verify`, {}, admin.accessToken);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await api?.stop();
    await dns?.close();
    platform?.child.kill('SIGTERM');
    own?.child.kill('SIGTERM');
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: api.baseUrl });
    contexts.push(context);
    return context.newPage();
  }

  /** At the test provider's form: signs in as `email`. */
  async function atProvider(page: Page, email: string): Promise<void> {
    await page.getByRole('heading', { name: 'Test provider' }).waitFor();
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it('signs in with the platform’s provider: the first time creates the account in the organisation of its verified domain, the second finds it', async () => {
    const ids: string[] = [];
    for (const visit of ['first', 'second']) {
      const page = await newPage();
      await page.goto('/organisations');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByRole('link', { name: 'Sign in with Northshire account' }).click();
      await atProvider(page, 'sam@staff.northshire.example.org');
      await page.getByRole('heading', { name: 'Organisations' }).waitFor();
      await page.getByText('Northshire Council').waitFor();
      await page.getByText('(member)').waitFor();
      if (visit === 'first') await page.screenshot({ path: join(ARTIFACTS, 'sso-organisations.png'), fullPage: true });
      ids.push(await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { id: string }).id));
    }
    expect(ids[1]).toBe(ids[0]);
  });

  it('offers the organisation’s own provider for an address of its verified domain, and signs in through it', async () => {
    await call(api.baseUrl, 'PUT', `/organisations/${organisationId}/sso`, { name: 'Northshire staff account', issuer: own.issuer, clientId: 'north-client', clientSecret: 'north-client-secret-0123456789' }, admin.accessToken);
    const page = await newPage();
    await page.goto('/sign-in?next=/organisations');
    await page.getByLabel('E-mail address').fill('kim@staff.northshire.example.org');
    const offer = page.getByRole('link', { name: 'Sign in with Northshire staff account' });
    await offer.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'sso-organisation-offer.png'), fullPage: true });
    await offer.click();
    expect(new URL(page.url()).origin).toBe(own.issuer);
    await atProvider(page, 'kim@staff.northshire.example.org');
    await page.getByRole('heading', { name: 'Organisations' }).waitFor();
    await page.getByText('Northshire Council').waitFor();
    // Another address gets no offer.
    const other = await newPage();
    await other.goto('/sign-in');
    await other.getByLabel('E-mail address').fill('kim@elsewhere.example.org');
    await other.waitForTimeout(800);
    expect(await other.getByRole('link', { name: 'Sign in with Northshire staff account' }).count()).toBe(0);
  });

  it('shows the organisation’s admin its domains, its own provider (never the secret) and its logo on the settings page', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const uploaded = await fetch(`${api.baseUrl}/api/organisations/${organisationId}/logo`, { method: 'PUT', headers: { 'content-type': 'image/png', authorization: `Bearer ${admin.accessToken}` }, body: png });
    expect(uploaded.status).toBe(204);
    await call(api.baseUrl, 'PUT', `/organisations/${organisationId}/sso`, { name: 'Northshire staff account', issuer: own.issuer, clientId: 'north-client', clientSecret: 'north-client-secret-0123456789' }, admin.accessToken);
    await call(api.baseUrl, 'PATCH', `/organisations/${organisationId}`, { emailDomains: ['staff.northshire.example.org', 'northshire-pending.example.org'] }, admin.accessToken);
    const page = await newPage();
    await page.goto(`/sign-in?next=/organisations/${organisationId}`);
    await page.getByLabel('E-mail address').fill('ada@northshire.example.org');
    await page.getByLabel('Password').fill('ada has a long password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Northshire Council' }).waitFor();
    await page.getByRole('img', { name: 'Northshire Council logo' }).first().waitFor();
    const domains = page.getByRole('region', { name: 'E-mail domains' });
    await domains.getByRole('row', { name: /staff\.northshire\.example\.org Verified/ }).waitFor();
    await domains.getByRole('row', { name: /northshire-pending\.example\.org Pending: not yet in effect/ }).waitFor();
    const sso = page.getByRole('region', { name: 'Single sign-on' });
    expect(await sso.getByLabel('Issuer').inputValue()).toBe(own.issuer);
    expect(await sso.getByLabel(/^Client secret/).inputValue()).toBe('');
    await sso.getByText('A secret is stored (encrypted; it is never shown).').waitFor();
    expect(await page.content()).not.toContain('north-client-secret-0123456789');
    await page.screenshot({ path: join(ARTIFACTS, 'organisation-settings-sso.png'), fullPage: true });
    // Its sets' pages show it too.
    const set = await call<{ id: string }>(api.baseUrl, 'POST', '/sets', { name: 'Leadership set one', purpose: 'Leading through change', mode: 'virtual', timeZone: 'Europe/London', organisationId }, admin.accessToken);
    await page.goto(`/sets/${set.id}`);
    await page.getByRole('heading', { name: 'Leadership set one' }).waitFor();
    await page.locator('.organisation-brand').getByText('Northshire Council').waitFor();
    await page.locator('.organisation-brand img').waitFor();
    expect(await page.locator('.organisation-brand img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'set-page-organisation-logo.png') });
  });

  it('refuses a state that is not this browser’s sign-in, and a tampered nonce, signing nobody in', async () => {
    for (const tamper of ['state', 'nonce'] as const) {
      const page = await newPage();
      // The browser's own start, read without following it (the flow cookie lands in the browser's jar).
      const start = async () => new URL((await page.request.get('/api/auth/oidc/start', { maxRedirects: 0 })).headers().location);
      const toProvider = await start();
      if (tamper === 'state') await start(); // another sign-in began since: the browser's flow has another state now
      else toProvider.searchParams.set('nonce', 'tampered-nonce'); // the ID token will carry this one, not the flow's
      await page.goto(toProvider.href);
      await atProvider(page, `tamper-${tamper}@staff.northshire.example.org`);
      await page.getByRole('alert').filter({ hasText: 'Single sign-on did not work' }).waitFor();
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-in?sso=failed');
      expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    }
  });

  it('does not follow returnTo to another site', async () => {
    for (const returnTo of ['https://evil.example/steal', '//evil.example/steal', '/\\evil.example']) {
      const page = await newPage();
      await page.route('**://evil.example/**', (route) => route.fulfill({ status: 200, body: 'evil' }));
      await page.goto(`/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
      await atProvider(page, 'sam@staff.northshire.example.org');
      await page.waitForURL(`${api.baseUrl}/`);
      expect(new URL(page.url()).origin).toBe(api.baseUrl);
    }
  });
});
