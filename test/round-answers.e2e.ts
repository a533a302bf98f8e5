import { join } from 'node:path';
import { ARTIFACTS } from './support/browser';
import { call } from './support/call';
import { apiAndChromium } from './support/suite';
import { passwordOf, setWithPeople } from './support/people';

/* A presenter answers each clarifying question on a phone (390×844); the moderator sees each e-mail's phase and time. */
describe('answering a round’s clarifying questions one by one (Chromium)', () => {
  const suite = apiAndChromium();

  it('shows each question above its own box on a phone, and keeps the answers under their questions', async () => {
    const base = suite.server.baseUrl;
    const { tokens, setId } = await setWithPeople(base, { fran: 'Fran Okafor', pat: 'Pat Lindqvist', sam: 'Sam Adeyemi' }, { name: 'Northfield practice leads', mode: 'async' });
    const pat = await call<{ id: string }>(base, 'GET', '/me', undefined, tokens.pat);
    const round = await call<{ id: string }>(base, 'POST', `/sets/${setId}/rounds`, { title: 'Out-of-hours referrals', caseText: 'Referrals made out of hours keep bouncing back to my team the next morning, and families wait.', presenterId: pat.id }, tokens.fran);
    await call(base, 'POST', `/rounds/${round.id}/contributions`, { body: 'How many referrals came back last month?' }, tokens.fran);
    await call(base, 'POST', `/rounds/${round.id}/contributions`, { body: 'Who decides where an out-of-hours referral goes?' }, tokens.sam);

    const context = await suite.browser.newContext({ baseURL: base, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await context.request.post('/api/auth/login', { data: { email: 'pat@example.org', password: passwordOf('pat') } });
    const phone = await context.newPage();
    await phone.goto(`/rounds/${round.id}`);
    await phone.getByRole('heading', { name: 'Answer each clarifying question' }).waitFor();
    const question = phone.getByText('Who decides where an out-of-hours referral goes?');
    const box = phone.getByLabel('Your answer to question 2');
    // The question is read before the box to write in.
    expect((await question.boundingBox())!.y).toBeLessThan((await box.boundingBox())!.y);
    await phone.getByLabel('Your answer to question 1').fill('Eleven, most of them on Fridays.');
    await phone.getByRole('button', { name: 'Answer question 1' }).click();
    await phone.getByText('1 of 2 answered.', { exact: false }).waitFor();
    await phone.getByLabel('Your answer to question 2').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(ARTIFACTS, 'round-answers-phone.png'), fullPage: true });
    await phone.getByLabel('Your answer to question 2').fill('The duty manager, but only when one is on.');
    await phone.getByRole('button', { name: 'Answer question 2' }).click();
    // Every question answered: the round moves on to open questions, each answer under its question.
    await phone.getByRole('list', { name: 'Answers to: Who decides where an out-of-hours referral goes?' }).getByText('The duty manager, but only when one is on.').waitFor();
    await phone.screenshot({ path: join(ARTIFACTS, 'round-answered-phone.png'), fullPage: true });

    const desk = await suite.browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    await desk.request.post('/api/auth/login', { data: { email: 'fran@example.org', password: passwordOf('fran') } });
    const moderator = await desk.newPage();
    await moderator.goto(`/rounds/${round.id}`);
    await moderator.getByText('E-mails of this round').click();
    await moderator.getByRole('cell', { name: 'Clarifying questions: the phase opened' }).first().waitFor();
    await moderator.getByRole('cell', { name: 'Open questions: the phase opened' }).first().waitFor();
    await moderator.locator('details').last().screenshot({ path: join(ARTIFACTS, 'round-deliveries.png') });
  });
});
