import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ApiProcess, startApi } from './support/api-process';
import { ARTIFACTS, launchChromium } from './support/browser';
import { call } from './support/call';
import { setWithPeople, signedInPage } from './support/people';

const STATEMENT =
  'Working with Mrs Patel taught me to slow down. In the set I presented a case where I had rushed to fix things, and the questions helped me see that I was managing my own anxiety rather than listening. I now plan visits with space for silence, and I have started to ask my team what leadership looks like when nobody has the answer.';

describe('Open Badges in the browser: apply, approve, verify, revoke (Chromium)', () => {
  let api: ApiProcess;
  let browser: Browser;

  beforeAll(async () => {
    api = await startApi();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });

  it('a member applies with a confidentiality finding resolved, the facilitator approves, the public page says valid, then revoked', async () => {
    const { tokens, setId } = await setWithPeople(api.baseUrl, { fran: 'Fran Facilitator', pat: 'Pat Practitioner' }, { name: 'Leading in hard places', mode: 'virtual' });
    // Pat presents a case in a round: the badge asks for that.
    const me = await call<{ id: string }>(api.baseUrl, 'GET', '/me', undefined, tokens.pat);
    await call(api.baseUrl, 'POST', `/sets/${setId}/rounds`, { title: 'Rushing to fix', caseText: 'A case about a family where I rushed to fix things.', presenterId: me.id }, tokens.fran);

    // The facilitator gives the set a badge.
    const fran = await signedInPage(browser, api.baseUrl, 'fran');
    await fran.goto(`/sets/${setId}/evaluate`);
    const settings = fran.getByRole('form', { name: 'Badge settings' });
    await settings.getByLabel('Badge name').fill('Leading in hard places');
    await settings.getByLabel(/What it certifies/).fill('Took part in an action learning set on leadership and reflected on what it changed in their practice.');
    await settings.getByLabel('Meetings attended, at least').fill('0');
    await settings.getByLabel('Words in the reflective statement, at least').fill('50');
    await settings.getByRole('button', { name: 'Save badge' }).click();
    await fran.getByRole('link', { name: 'Review applications' }).waitFor();
    await shot(fran, 'badge-settings.png');

    // The member writes the statement: the check marks the name and suggests a replacement.
    const pat = await signedInPage(browser, api.baseUrl, 'pat');
    await pat.goto(`/sets/${setId}/badge`);
    await pat.getByLabel('Your reflective statement').fill(STATEMENT);
    await pat.getByText(/of 50 words: enough\./).waitFor();
    const findings = pat.getByRole('region', { name: 'Could this identify someone?' });
    await findings.getByText('Mrs Patel', { exact: true }).waitFor();
    await pat.getByLabel('Put my statement in the credential as public evidence').check();
    await pat.getByText(/not resolved yet/).waitFor();
    await shot(pat, 'badge-application-finding.png');
    await findings.getByRole('button', { name: 'Replace with “Person A”' }).click();
    expect(await pat.getByLabel('Your reflective statement').inputValue()).toContain('Working with Person A taught me');
    expect(await pat.getByRole('region', { name: 'Could this identify someone?' }).count()).toBe(0);
    await pat.getByLabel('Show my name in the credential').check();
    await pat.getByLabel('This statement is my own work').check();
    await pat.getByRole('button', { name: 'Send my application' }).click();
    await pat.getByText('Your application is waiting for the facilitator').waitFor();
    await shot(pat, 'badge-application-sent.png');

    // The facilitator approves.
    await fran.goto(`/sets/${setId}/badge/review`);
    await fran.getByRole('heading', { name: 'Pat Practitioner' }).waitFor();
    await fran.getByText('Working with Person A taught me', { exact: false }).waitFor();
    await shot(fran, 'badge-review.png');
    await fran.getByRole('button', { name: 'Approve and issue the badge' }).click();
    await fran.getByRole('link', { name: 'the credential' }).waitFor();

    // The member's credentials, and the public page someone else opens without an account.
    await pat.goto('/credentials');
    await pat.getByRole('heading', { name: 'Leading in hard places' }).waitFor();
    await pat.getByRole('link', { name: 'Download the credential (JSON)' }).waitFor();
    await shot(pat, 'my-credentials.png');
    const publicUrl = await pat.getByRole('link', { name: 'Public page' }).getAttribute('href');
    expect(publicUrl).toMatch(/\/credentials\/[0-9a-f-]{36}$/);
    const credentialId = publicUrl!.split('/').pop()!;
    const baked = await (await fetch(`${api.baseUrl}/api/credentials/${credentialId}/badge.svg`)).text();
    expect(baked).toContain('<openbadges:credential><![CDATA[');

    const stranger = await (await browser.newContext({ baseURL: api.baseUrl, viewport: { width: 1100, height: 900 } })).newPage();
    await stranger.goto(new URL(publicUrl!).pathname);
    const verdict = stranger.getByRole('status', { name: 'Verification' });
    await verdict.getByText('Valid: the signature checks out').waitFor();
    await stranger.getByText('Pat Practitioner').waitFor();
    await stranger.getByText('Working with Person A taught me', { exact: false }).waitFor();
    await shot(stranger, 'credential-valid.png');

    // The facilitator revokes it; the public page says so.
    await fran.getByRole('button', { name: 'Revoke…' }).click();
    await fran.getByLabel('Reason for revoking').fill('Issued to the wrong person');
    await fran.getByRole('button', { name: 'Revoke the credential' }).click();
    await fran.getByText('· revoked', { exact: false }).waitFor();
    await stranger.reload();
    await stranger.getByRole('status', { name: 'Verification' }).getByText('Revoked: the issuer has withdrawn this credential.').waitFor();
    await shot(stranger, 'credential-revoked.png');
  });
});
