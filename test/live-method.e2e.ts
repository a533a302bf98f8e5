import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ApiProcess, startApi } from './support/api-process';
import { ARTIFACTS, launchChromium } from './support/browser';
import { call } from './support/call';
import { setWithPeople, signedInPage } from './support/people';

/** Screens of the method steps go here too, for review: SHOTS_DIR=/tmp/shots-method-live. */
const SHOTS = process.env.SHOTS_DIR ?? ARTIFACTS;

/**
 * The method in the live room (issue 17), in three browsers: the set's first session opens with
 * contracting (a member proposes a change, the facilitator records the agreed text: version 1 on
 * the set page), check-in as a round, open dialogue with a raised hand called, offers once the
 * presenter invites them, the process review's words (one anonymous) before the ratings.
 */
describe('the method in the live room (Chromium)', () => {
  let server: ApiProcess;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startApi();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('contracts, checks in in turn, questions in open dialogue, takes offers and reviews the process', async () => {
    const base = server.baseUrl;
    const people = { fran: 'Fran Facilitator', pat: 'Pat Presenter', sam: 'Sam Questioner' } as const;
    const { tokens, setId } = await setWithPeople(base, people, { name: 'Method set', mode: 'virtual' });
    const meeting = await call<{ id: string }>(base, 'POST', `/sets/${setId}/meetings`, { startsAt: '2031-02-04T09:30', durationMinutes: 180, format: 'online' }, tokens.fran);
    const pages: Record<string, Page> = {};
    for (const key of Object.keys(people)) {
      pages[key] = await signedInPage(browser, base, key);
      await pages[key].goto(`/meetings/${meeting.id}/live`);
    }
    const { fran, pat, sam } = pages;
    const phaseEverywhere = async (label: string) => {
      for (const page of Object.values(pages)) await page.locator('.live-header__phase', { hasText: label }).waitFor();
    };
    await fran.getByText(/Here: .*Sam Questioner/).waitFor();
    await fran.getByRole('button', { name: 'Start the session' }).click();
    await phaseEverywhere('Check-in and report-back');

    // Contracting, at the set's first session.
    await sam.getByRole('heading', { name: 'Contracting: our ground rules' }).waitFor();
    await sam.getByLabel('Propose a change').fill('We switch phones off.');
    await sam.getByRole('button', { name: 'Propose' }).click();
    await fran.getByRole('list', { name: 'Proposed changes' }).getByText('We switch phones off.').waitFor();
    await fran.screenshot({ path: join(SHOTS, 'contracting-facilitator.png'), fullPage: true });
    const agreed = fran.getByLabel('The ground rules the set agrees');
    await agreed.fill(`${await agreed.inputValue()}\nWe switch phones off.`);
    await fran.getByRole('button', { name: 'Record as agreed' }).click();
    await fran.getByText(/Agreed in this session by/).waitFor();
    await sam.getByRole('heading', { name: 'Contracting: our ground rules' }).waitFor({ state: 'detached' });

    // Check-in as a round.
    await fran.getByText('Your turn to check in').waitFor();
    await pat.getByText('Fran Facilitator is checking in').waitFor();
    await fran.getByRole('button', { name: 'I’m done: next person' }).click();
    await pat.getByText('Your turn to check in').waitFor();
    await pat.screenshot({ path: join(SHOTS, 'check-in-round.png'), fullPage: true });
    await pat.getByRole('button', { name: 'I’m done: next person' }).click();
    await sam.getByText('Your turn to check in').waitFor();

    // Bidding, then Pat's round in open dialogue.
    await fran.getByRole('button', { name: /^Next: Bidding/ }).click();
    await phaseEverywhere('Bidding for airtime');
    await pat.getByRole('radio', { name: '4' }).check();
    await pat.getByRole('button', { name: 'I would like time' }).click();
    await fran.locator('.order').getByText('Pat Presenter').waitFor();
    await fran.getByRole('button', { name: 'Agree this order' }).click();
    await fran.getByRole('button', { name: 'Next: Presenting (Pat Presenter)' }).click();
    await phaseEverywhere('Presenting');
    await fran.getByRole('radio', { name: /Open dialogue/ }).check();
    await fran.getByRole('button', { name: /^Next: Clarifying/ }).click();
    await fran.getByRole('button', { name: /^Next: Open questions/ }).click();
    await phaseEverywhere('Open questions');
    await sam.getByRole('heading', { name: 'Open dialogue' }).waitFor();
    await sam.getByRole('button', { name: 'Raise hand' }).click();
    await fran.getByRole('button', { name: 'Call the next hand' }).click();
    await sam.getByText('Sam Questioner has the floor.').waitFor();
    await sam.getByLabel(/Your question to Pat/).fill('What would you like to be different?');
    await sam.getByRole('button', { name: 'Ask' }).click();
    await pat.getByText('What would you like to be different?').waitFor();
    await fran.screenshot({ path: join(SHOTS, 'dialogue-facilitator.png'), fullPage: true });

    // Offers, only once Pat invites them.
    await pat.getByRole('button', { name: 'Invite offers' }).click();
    await sam.getByLabel('An offer of experience or a resource').fill('I ran a similar project: happy to share the plan.');
    await sam.getByRole('button', { name: 'Offer' }).click();
    await pat.getByRole('list', { name: 'Offers' }).getByText('I ran a similar project: happy to share the plan.').waitFor();
    await pat.screenshot({ path: join(SHOTS, 'offers-presenter.png'), fullPage: true });

    // The process review: words, one anonymous, then the ratings (none preselected).
    await fran.getByRole('button', { name: /^Next: Reflection/ }).click();
    await fran.getByRole('button', { name: /^Next: Actions/ }).click();
    await fran.getByRole('button', { name: /^Next: Process review/ }).click();
    await phaseEverywhere('Process review');
    await sam.getByLabel('Your words: What hindered us?').fill('We drifted into advice once.');
    await sam.getByRole('checkbox', { name: 'Without my name' }).nth(1).check();
    await sam.getByRole('button', { name: 'Add: What hindered us?' }).click();
    await pat.getByRole('list', { name: 'What hindered us?' }).getByText('We drifted into advice once.').waitFor();
    expect(await pat.getByRole('list', { name: 'What hindered us?' }).textContent()).toContain('anonymous');
    for (const n of ['1', '2', '3', '4', '5']) expect(await pat.getByRole('radio', { name: n, exact: true }).isChecked()).toBe(false);
    await pat.screenshot({ path: join(SHOTS, 'process-review-words.png'), fullPage: true });

    // The set page: the ground rules as agreed, version 1, by the three present.
    await pat.goto(`/sets/${setId}`);
    await pat.getByText(/Version 1, agreed .* by Fran Facilitator, Pat Presenter, Sam Questioner\./).waitFor();
    await pat.getByText('We switch phones off.').waitFor();
    await pat.screenshot({ path: join(SHOTS, 'set-ground-rules.png'), fullPage: true });
  });
});
