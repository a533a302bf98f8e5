import { join } from 'node:path';
import { ARTIFACTS } from './support/browser';
import { call } from './support/call';
import { apiAndChromium } from './support/suite';
import { setWithPeople, signedInPage } from './support/people';

describe('an asynchronous round on the web (Chromium)', () => {
  const suite = apiAndChromium();

  it('a presenter opens a round; a member asks the last clarifying question and sees the phase move on', async () => {
    const base = suite.server.baseUrl;
    const { tokens, setId } = await setWithPeople(base, { fran: 'Fran Facilitator', pat: 'Pat Presenter', sam: 'Sam Member' }, { name: 'Async set', mode: 'async' });
    const open = (key: string) => signedInPage(suite.browser, base, key);

    // Pat opens the round from the set page.
    const pat = await open('pat');
    await pat.goto(`/sets/${setId}/rounds`);
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
    await pat.getByLabel('Your answer to question 1').waitFor();
    expect(await pat.getByRole('region', { name: 'Answer each clarifying question' }).textContent()).toContain('What time do you start?');
  });
});
