import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ApiProcess, startApi } from './support/api-process';
import { ARTIFACTS, launchChromium } from './support/browser';
import { call } from './support/call';

describe('an asynchronous round on the web (Chromium)', () => {
  let server: ApiProcess;
  let browser: Browser;
  beforeAll(async () => {
    server = await startApi();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a presenter opens a round; a member asks the last clarifying question and sees the phase move on', async () => {
    const base = server.baseUrl;
    const tokens: Record<string, string> = {};
    for (const [key, name] of [['fran', 'Fran Facilitator'], ['pat', 'Pat Presenter'], ['sam', 'Sam Member']]) {
      tokens[key] = (await call<{ accessToken: string }>(base, 'POST', '/auth/register', { email: `${key}@example.org`, password: `${key} has a long password`, displayName: name, timeZone: 'Europe/London' })).accessToken;
    }
    const set = await call<{ id: string }>(base, 'POST', '/sets', { name: 'Async set', mode: 'async', timeZone: 'Europe/London' }, tokens.fran);
    for (const key of ['pat', 'sam']) {
      const invitation = await call<{ token: string }>(base, 'POST', `/sets/${set.id}/invitations`, { email: `${key}@example.org`, role: 'member' }, tokens.fran);
      await call(base, 'POST', `/invitations/${invitation.token}/accept`, { acceptGroundRules: true }, tokens[key]);
    }
    const open = async (key: string): Promise<Page> => {
      const context = await browser.newContext({ baseURL: base, viewport: { width: 1100, height: 900 } });
      await context.request.post('/api/auth/login', { data: { email: `${key}@example.org`, password: `${key} has a long password` } });
      return context.newPage();
    };

    // Pat opens the round from the set page.
    const pat = await open('pat');
    await pat.goto(`/sets/${set.id}`);
    await pat.getByRole('button', { name: 'Open a round' }).click();
    await pat.getByLabel('Title').fill('Working late');
    await pat.getByLabel(/The case/).fill('I never leave on time, and my family notices.');
    await pat.getByRole('button', { name: 'Open the round' }).click();
    await pat.getByRole('heading', { name: 'Working late' }).waitFor();
    const roundId = /\/rounds\/([0-9a-f-]+)/.exec(pat.url())![1];
    expect(await pat.locator('[aria-current="step"]').textContent()).toContain('Clarifying questions');

    // Fran asks by the API; Sam, the last one due, asks on the web, with coaching on the way.
    await call(base, 'POST', `/rounds/${roundId}/contributions`, { body: 'What time do you start?' }, tokens.fran);
    const sam = await open('sam');
    await sam.goto(`/rounds/${roundId}`);
    await sam.getByRole('note').filter({ hasText: 'Needed from you' }).waitFor();
    await sam.getByLabel('Your question').fill('Why don’t you just leave at five?');
    await sam.getByText(/This reads as advice in disguise/).waitFor();
    await sam.getByLabel('Your question').fill('What happens at home when you are late?');
    await sam.getByRole('button', { name: 'Add to the round' }).click();
    await sam.locator('[aria-current="step"]', { hasText: 'Answers' }).waitFor();
    await sam.getByText('What happens at home when you are late?').waitFor();
    await sam.screenshot({ path: join(ARTIFACTS, 'round-member.png'), fullPage: true });

    // Pat sees the questions and that the answers are theirs to give.
    await pat.reload();
    await pat.getByLabel('What you write').waitFor();
    expect(await pat.getByRole('region', { name: 'Clarifying questions' }).textContent()).toContain('What time do you start?');
  });
});
