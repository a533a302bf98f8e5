import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ApiProcess, freePort, ROOT, startApi } from './support/api-process';
import { ARTIFACTS, launchChromium } from './support/browser';
import { call } from './support/call';

/** The test OpenID provider of the API's tests (oidc-provider), on a loopback http issuer. */
async function startProvider(redirectUri: string): Promise<{ issuer: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'apps/api/test/oidc-provider.mjs')], { cwd: join(ROOT, 'apps/api'), env: { ...process.env, REDIRECT_URI: redirectUri }, stdio: ['ignore', 'pipe', 'inherit'] });
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
  let provider: ChildProcess;
  let browser: Browser;
  beforeAll(async () => {
    const port = await freePort();
    const started = await startProvider(`http://127.0.0.1:${port}/api/auth/oidc/callback`);
    provider = started.child;
    api = await startApi({ port, env: { OIDC_ISSUER: started.issuer, OIDC_CLIENT_ID: 'als-test', OIDC_CLIENT_SECRET: 'als-test-secret-0123456789', OIDC_NAME: 'Northshire account' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    provider?.kill('SIGTERM');
  });

  it('signs in with the organisation’s provider: the first time creates the account in the organisation of its domain, the second finds it', async () => {
    const admin = await call<{ accessToken: string }>(api.baseUrl, 'POST', '/auth/register', { email: 'ada@northshire.example.org', password: 'ada has a long password', displayName: 'Ada Admin' });
    await call(api.baseUrl, 'POST', '/organisations', { name: 'Northshire Council', emailDomains: ['staff.northshire.example.org'] }, admin.accessToken);

    const ids: string[] = [];
    for (const visit of ['first', 'second']) {
      const context = await browser.newContext({ baseURL: api.baseUrl });
      const page = await context.newPage();
      await page.goto('/organisations');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByRole('link', { name: 'Sign in with Northshire account' }).click();
      await page.getByRole('heading', { name: 'Test provider' }).waitFor();
      await page.getByLabel('E-mail').fill('sam@staff.northshire.example.org');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Organisations' }).waitFor();
      await page.getByText('Northshire Council').waitFor();
      await page.getByText('(member)').waitFor();
      if (visit === 'first') await page.screenshot({ path: join(ARTIFACTS, 'sso-organisations.png'), fullPage: true });
      ids.push(await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { id: string }).id));
      await context.close();
    }
    expect(ids[1]).toBe(ids[0]);
  });
});
