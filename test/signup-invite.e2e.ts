import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ApiProcess, startApi } from './support/api-process';
import { ARTIFACTS, launchChromium } from './support/browser';
import { linkFromMail } from './support/mail';

async function signUp(page: Page, person: { name: string; email?: string; password: string }) {
  await page.getByLabel('Your name').fill(person.name);
  if (person.email) await page.getByLabel('E-mail address').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

describe('signing up, creating a set and inviting a member (Chromium)', () => {
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

  it('brings an invited member into the set, where both see each other', async () => {
    const facilitator = await (await browser.newContext({ baseURL: api.baseUrl })).newPage();
    await facilitator.goto('/');
    await facilitator.waitForURL(/\/sign-in/);
    await facilitator.getByRole('link', { name: 'Create an account' }).click();
    await signUp(facilitator, { name: 'Fran Facilitator', email: 'fran@example.org', password: 'fran has a long password' });
    await facilitator.getByRole('heading', { name: 'My sets' }).waitFor();

    await facilitator.getByRole('link', { name: 'Create a set' }).click();
    await facilitator.getByLabel('Name of the set').fill('Hard cases in child protection');
    await facilitator.getByLabel('Purpose').fill('Thinking together about the cases that keep us up at night.');
    await facilitator.getByLabel('How the set meets').selectOption('blended');
    await facilitator.getByRole('button', { name: 'Create set' }).click();
    await facilitator.getByRole('heading', { name: 'Hard cases in child protection' }).waitFor();
    // The size note (the close panel has a note of its own).
    await facilitator.getByRole('note').filter({ hasText: 'This set has 1 participant' }).waitFor();

    await facilitator.getByRole('navigation', { name: 'Sections of the set' }).getByRole('link', { name: 'People' }).click();
    await facilitator.getByLabel('E-mail address').fill('pat@example.org');
    await facilitator.getByRole('button', { name: 'Send invitation' }).click();
    await facilitator.getByText('Invitation sent to pat@example.org.').waitFor();
    await facilitator.getByRole('rowheader', { name: 'pat@example.org' }).waitFor();
    await facilitator.screenshot({ path: join(ARTIFACTS, 'set-page-facilitator.png'), fullPage: true });

    const link = await linkFromMail(api.dataDir, 'pat@example.org', new RegExp(`${api.baseUrl}/invitations/[A-Za-z0-9_-]+`));
    const member = await (await browser.newContext({ baseURL: api.baseUrl })).newPage();
    await member.goto(link);
    await member.getByRole('heading', { name: 'Invitation to Hard cases in child protection' }).waitFor();
    await member.getByText('Questions, not advice', { exact: false }).first().waitFor();
    await member.getByRole('link', { name: 'Create an account' }).click();
    expect(await member.getByLabel('E-mail address').inputValue()).toBe('pat@example.org');
    await signUp(member, { name: 'Pat Practitioner', password: 'pat has a long password' });

    await member.waitForURL(/\/invitations\//);
    const accept = member.getByRole('button', { name: 'Accept and join the set' });
    await accept.click();
    await member.getByText('Tick the box to accept the ground rules').waitFor();
    await member.getByRole('checkbox', { name: /I have read the ground rules/ }).check();
    await accept.click();
    await member.getByRole('heading', { name: 'Hard cases in child protection' }).waitFor();
    await member.getByRole('navigation', { name: 'Sections of the set' }).getByRole('link', { name: 'People' }).click();
    await member.getByRole('rowheader', { name: /Fran Facilitator/ }).waitFor();
    await member.getByRole('rowheader', { name: /Pat Practitioner/ }).waitFor();
    await member.screenshot({ path: join(ARTIFACTS, 'set-page-member.png'), fullPage: true });

    await facilitator.reload();
    await facilitator.getByRole('rowheader', { name: /Pat Practitioner/ }).waitFor();
    expect(await facilitator.getByRole('row').filter({ hasText: 'Pat Practitioner' }).textContent()).toContain('pat@example.org');
    await facilitator.getByText('No invitations are waiting for a reply.').waitFor();
    expect(await member.getByRole('heading', { name: 'Invite people' }).count()).toBe(0);

    // The facilitator schedules a series; the member sees it and replies.
    await facilitator.getByRole('navigation', { name: 'Sections of the set' }).getByRole('link', { name: 'Meetings' }).click();
    await facilitator.getByRole('button', { name: 'Schedule a meeting' }).click();
    const form = facilitator.getByRole('form', { name: 'Schedule a meeting' });
    await form.getByLabel('Date').fill('2027-02-02');
    await form.getByLabel('Venue and room').fill('Room 4, Civic Centre');
    await form.getByLabel('Repeat').selectOption('5');
    await form.getByLabel('Number of meetings').fill('6');
    await form.getByRole('button', { name: 'Schedule' }).click();
    await facilitator.getByRole('heading', { name: /2 February 2027, 09:30/ }).waitFor();
    expect(await facilitator.locator('.meeting').count()).toBe(6);

    await member.getByRole('navigation', { name: 'Sections of the set' }).getByRole('link', { name: 'Meetings' }).click();
    const first = member.locator('.meeting').first();
    await first.getByRole('button', { name: 'I will attend' }).click();
    await first.getByText('your reply: attending').waitFor();
    await member.screenshot({ path: join(ARTIFACTS, 'set-page-meetings.png'), fullPage: true });
    await facilitator.reload();
    await facilitator.locator('.meeting').first().getByText('1 attending').waitFor();

    // The e-mail announcing the series carries one-click replies: Pat sends an apology from it without signing in.
    const apology = (await linkFromMail(api.dataDir, 'pat@example.org', new RegExp(`Send an apology: ${api.baseUrl}/rsvp/[A-Za-z0-9_.-]+`))).replace('Send an apology: ', '');
    const inbox = await (await browser.newContext({ baseURL: api.baseUrl })).newPage();
    await inbox.goto(apology);
    await inbox.getByRole('heading', { name: 'Send an apology' }).waitFor();
    await inbox.getByLabel(/Reason/).fill('Court hearing that morning');
    await inbox.getByRole('button', { name: 'Send apology' }).click();
    await inbox.getByText('Your apology is recorded').waitFor();
    await inbox.screenshot({ path: join(ARTIFACTS, 'rsvp-apology.png'), fullPage: true });

    // The facilitator sees it on the meeting's page, with the reason.
    await facilitator.reload();
    await facilitator.locator('.meeting').first().getByRole('link', { name: /2 February 2027/ }).click();
    await facilitator.waitForURL(/\/meetings\//);
    const pat = facilitator.getByRole('table', { name: 'Replies' }).getByRole('row', { name: /Pat Practitioner/ });
    await pat.getByRole('cell', { name: 'Apology', exact: true }).waitFor();
    expect(await pat.textContent()).toContain('Court hearing that morning');
    await facilitator.getByRole('heading', { name: 'Agenda' }).waitFor();
    await facilitator.screenshot({ path: join(ARTIFACTS, 'meeting-page-facilitator.png'), fullPage: true });
    await facilitator.goBack();
    await facilitator.getByRole('button', { name: 'Month' }).click();
    await facilitator.getByRole('heading', { name: 'February 2027' }).waitFor();
    await facilitator.screenshot({ path: join(ARTIFACTS, 'set-page-month.png'), fullPage: true });
  });
});
