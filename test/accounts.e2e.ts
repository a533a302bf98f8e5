import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ApiProcess, startApi } from './support/api-process';
import { ARTIFACTS, launchChromium } from './support/browser';
import { call } from './support/call';
import { linkFromMail } from './support/mail';
import { setWithPeople, signedInPage } from './support/people';

describe('accounts and sessions (Chromium)', () => {
  let api: ApiProcess;
  let browser: Browser;
  beforeAll(async () => {
    api = await startApi({ env: { AUTH_RATE_LIMIT: '100' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('resets a forgotten password from the e-mail’s link and is signed in', async () => {
    const email = 'robin@example.org';
    await call(api.baseUrl, 'POST', '/auth/register', { email, password: 'robin had an old password', displayName: 'Robin Reset', timeZone: 'Europe/London' });
    const page = await (await browser.newContext({ baseURL: api.baseUrl })).newPage();
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    expect(await page.getByLabel('E-mail address').inputValue()).toBe(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText('If an account uses this address').waitFor();

    const link = await linkFromMail(api.dataDir, email, new RegExp(`${api.baseUrl}/reset-password/[A-Za-z0-9_-]+`));
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill('password123');
    await page.getByText('Too common.').waitFor();
    await page.getByLabel('New password', { exact: true }).fill('robin now has a new passphrase');
    await page.getByLabel('Type it again').fill('robin now has a new passphrase');
    await page.screenshot({ path: join(ARTIFACTS, 'reset-password.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await page.getByRole('heading', { name: 'My sets' }).waitFor();
    await page.getByRole('link', { name: 'Robin Reset: your account' }).waitFor();

    await expect(call(api.baseUrl, 'POST', '/auth/login', { email, password: 'robin had an old password' })).rejects.toThrow(/401/);
    await call(api.baseUrl, 'POST', '/auth/login', { email, password: 'robin now has a new passphrase' });
    // The link was single use.
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill('yet another long passphrase');
    await page.getByLabel('Type it again').fill('yet another long passphrase');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await page.getByText('This link does not work any more').waitFor();
  });

  it('signs out everywhere from the account page, ending the live room open in another browser within a second', async () => {
    const base = api.baseUrl;
    const { tokens, setId } = await setWithPeople(base, { fran: 'Fran Facilitator', pat: 'Pat Practitioner' }, { name: 'Sessions set', mode: 'virtual' });
    const meeting = await call<{ id: string }>(base, 'POST', `/sets/${setId}/meetings`, { startsAt: '2031-02-04T09:30', durationMinutes: 180, format: 'online' }, tokens.fran);

    const laptop = await signedInPage(browser, base, 'pat');
    await laptop.goto(`/meetings/${meeting.id}/live`);
    await laptop.getByText(/Here: .*Pat Practitioner/).waitFor();
    // When the room is ended, as the laptop's own clock sees it.
    await laptop.evaluate(() => {
      const seen = window as unknown as { endedAt?: number };
      new MutationObserver(() => {
        if (!seen.endedAt && document.body.textContent?.includes('You signed out everywhere.')) seen.endedAt = Date.now();
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });

    const phone = await signedInPage(browser, base, 'pat');
    await phone.goto('/account');
    const devices = phone.getByRole('list', { name: 'Signed-in devices' });
    await devices.getByRole('listitem').nth(2).waitFor();
    // The set-up's own sign-up (a script's session), the laptop and this phone.
    expect(await devices.getByRole('listitem').count()).toBe(3);
    await devices.getByText('This device').waitFor();
    await phone.screenshot({ path: join(ARTIFACTS, 'account-sessions.png'), fullPage: true });
    await phone.getByRole('button', { name: 'Sign out everywhere' }).click();
    const confirm = phone.getByRole('button', { name: 'Yes, sign out everywhere' });
    const clickedAt = await phone.evaluate(() => Date.now());
    await confirm.click();
    await phone.waitForURL(/\/sign-in/);
    await laptop.getByRole('alert').filter({ hasText: 'You signed out everywhere.' }).waitFor();
    const endedAt = await laptop.evaluate(() => (window as unknown as { endedAt?: number }).endedAt ?? 0);
    expect(endedAt - clickedAt).toBeLessThan(1000);
    await laptop.screenshot({ path: join(ARTIFACTS, 'live-signed-out.png'), fullPage: true });
    // The laptop's session is over at REST too.
    await laptop.reload();
    await laptop.waitForURL(/\/sign-in/);
  });
});
