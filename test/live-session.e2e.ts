import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from './support/browser';
import { call } from './support/call';
import { apiAndChromium } from './support/suite';
import { setWithPeople, signedInPage } from './support/people';

describe('a live session in three browsers (Chromium)', () => {
  const suite = apiAndChromium();

  it('runs a short meeting through every phase, every screen showing the same phase', async () => {
    const base = suite.server.baseUrl;
    const people = { fran: 'Fran Facilitator', pat: 'Pat Presenter', sam: 'Sam Questioner' } as const;
    const { tokens, setId } = await setWithPeople(base, people, { name: 'Live set', mode: 'virtual' });
    const meeting = await call<{ id: string }>(base, 'POST', `/sets/${setId}/meetings`, { startsAt: '2031-02-04T09:30', durationMinutes: 180, format: 'online', videoUrl: 'https://meet.example.org/live' }, tokens.fran);

    const pages: Record<string, Page> = {};
    for (const key of Object.keys(people)) {
      pages[key] = await signedInPage(suite.browser, base, key);
      await pages[key].goto(`/meetings/${meeting.id}/live`);
    }
    const { fran, pat, sam } = pages;
    const phaseEverywhere = async (label: string) => {
      for (const page of Object.values(pages)) await page.locator('.live-header__phase', { hasText: label }).waitFor();
    };
    await fran.getByText(/Here: .*Pat Presenter/).waitFor();

    await fran.getByRole('button', { name: 'Start the session' }).click();
    await phaseEverywhere('Check-in and report-back');
    await fran.getByRole('timer').waitFor();

    await fran.getByRole('button', { name: /^Next: Bidding/ }).click();
    await phaseEverywhere('Bidding for airtime');
    await pat.getByRole('radio', { name: '4' }).check();
    await pat.getByRole('button', { name: 'I would like time' }).click();
    await pat.getByText('Bid made, urgency 4.').waitFor();
    await fran.locator('.order').getByText('Pat Presenter').waitFor();
    await fran.getByRole('button', { name: 'Agree this order' }).click();
    await fran.getByRole('button', { name: 'Next: Presenting (Pat Presenter)' }).click();
    await phaseEverywhere('Presenting');

    await fran.getByRole('button', { name: /^Next: Clarifying/ }).click();
    await phaseEverywhere('Clarifying questions');
    await sam.getByLabel(/Your question to Pat/).fill('How old is the child?');
    await sam.getByRole('button', { name: 'Ask' }).click();
    await pat.getByText('How old is the child?').waitFor();

    await fran.getByRole('button', { name: /^Next: Open questions/ }).click();
    await phaseEverywhere('Open questions');
    // Fran's turn first (roster order): Fran passes, then it is Sam's.
    await fran.getByRole('button', { name: 'Pass' }).click();
    await sam.getByText("Sam Questioner's turn.").waitFor();
    const projector = await fran.context().newPage();
    await projector.goto(`/meetings/${meeting.id}/projector`);
    await projector.getByText('Open questions').waitFor();
    await sam.getByLabel(/Your question to Pat/).fill('Have you thought about calling the GP?');
    await sam.getByText(/advice in disguise/).waitFor();
    await sam.getByLabel(/Your question to Pat/).fill('What would help you most this week?');
    await sam.getByText('An open question: good.').waitFor();
    await sam.getByRole('button', { name: 'Ask' }).click();
    await projector.getByText('What would help you most this week?').waitFor();
    await projector.screenshot({ path: join(ARTIFACTS, 'live-projector.png') });
    await pat.locator('.question', { hasText: 'What would help you most this week?' }).getByRole('button', { name: 'Helpful' }).click();
    await fran.locator('.question--helpful', { hasText: 'What would help you most this week?' }).waitFor();
    await sam.screenshot({ path: join(ARTIFACTS, 'live-member.png'), fullPage: true });

    // Back a step and on again: the facilitator can go back.
    await fran.getByRole('button', { name: /^Back: Clarifying questions/ }).click();
    await phaseEverywhere('Clarifying questions');
    await fran.getByRole('button', { name: /^Next: Open questions/ }).click();
    await phaseEverywhere('Open questions');
    await fran.getByRole('button', { name: /^Next: Reflection/ }).click();
    await phaseEverywhere('Reflection');
    await pat.getByLabel('What do you see now?').fill('I have been avoiding the father.');
    await pat.getByRole('button', { name: 'Add reflection' }).click();
    await sam.getByText('I have been avoiding the father.').waitFor();
    await fran.getByRole('button', { name: /^Next: Actions/ }).click();
    await phaseEverywhere('Actions');
    await pat.getByLabel('An action you commit to').fill('Meet the father with my manager');
    await pat.getByRole('button', { name: 'Add action' }).click();
    await fran.getByText('Meet the father with my manager').waitFor();
    await fran.screenshot({ path: join(ARTIFACTS, 'live-facilitator.png'), fullPage: true });

    await fran.getByRole('button', { name: /^Next: Process review/ }).click();
    await phaseEverywhere('Process review');
    await sam.getByRole('radio', { name: '5' }).check();
    await sam.getByRole('button', { name: 'Send rating' }).click();
    await sam.getByText('Thank you: your rating is in.').waitFor();
    await fran.getByRole('button', { name: /^Next: Check-out/ }).click();
    await phaseEverywhere('Check-out');
    await pat.getByLabel('Your word').fill('Hopeful');
    await pat.getByRole('button', { name: 'Check out' }).click();
    await sam.getByText('Pat Presenter: Hopeful').waitFor();
    await fran.getByRole('button', { name: /^Next: Ended/ }).click();
    await phaseEverywhere('Ended');
    await pat.getByText('1 action agreed').waitFor();

    // Afterwards Pat writes in the private learning log and downloads the CPD record as a PDF.
    await pat.getByRole('link', { name: 'Meeting page', exact: true }).click();
    await pat.getByRole('heading', { name: 'Session record' }).waitFor();
    await pat.getByRole('link', { name: 'Write about it in your learning log' }).click();
    await pat.getByLabel('Title').fill('Presenting the father case');
    await pat.getByLabel('What happened?').fill('I presented my case about the father and the set asked open questions.');
    await pat.getByLabel('What did I learn?').fill('I have been avoiding the father because I fear his anger.');
    await pat.getByLabel('Time spent (hours)').fill('0.5');
    await pat.getByRole('button', { name: 'Save entry' }).click();
    await pat.getByRole('heading', { name: 'Presenting the father case' }).waitFor();
    const [download] = await Promise.all([pat.waitForEvent('download'), pat.getByRole('link', { name: 'Download CPD record' }).click()]);
    const file = join(ARTIFACTS, 'cpd-record.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await pat.screenshot({ path: join(ARTIFACTS, 'learning-log.png'), fullPage: true });

    // Before the next meeting Pat reports back on the action from My sets.
    await pat.getByRole('link', { name: 'My sets' }).click();
    await pat.getByText('Report back now').click();
    await pat.getByRole('radio', { name: 'Partly done' }).check();
    await pat.getByLabel(/What happened, and what did you learn/).fill('Met him once; my manager came.');
    await pat.getByRole('button', { name: 'Report back', exact: true }).click();
    await pat.getByText('Reported: Partly done').waitFor();

    // Fran opens the set's evaluation: figures only, and who read what.
    await fran.goto(`/sets/${setId}/evaluate`);
    await fran.getByRole('link', { name: /the evaluation/ }).click();
    const figures = fran.getByRole('list', { name: 'Key figures' });
    await figures.waitFor();
    expect(await figures.textContent()).toContain('1 meeting held');
    expect(await figures.textContent()).toContain('5 average process rating');
    await fran.getByRole('region', { name: 'Airtime and questions per member' }).waitFor();
    await fran.getByRole('cell', { name: 'read a session record' }).first().waitFor();
    await fran.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await fran.locator('main').textContent()).not.toContain('avoiding the father');
    await fran.screenshot({ path: join(ARTIFACTS, 'evaluation.png'), fullPage: true });
  });
});
