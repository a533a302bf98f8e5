import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ApiProcess, startApi } from './support/api-process';
import { ARTIFACTS, launchChromium } from './support/browser';
import { call } from './support/call';
import { setWithPeople, signedInPage } from './support/people';

const SHOTS = process.env.SHOTS_DIR ?? join(ARTIFACTS, 'set-ending');

/** The set's ending in Chromium: the facilitator opens the ending review, a member writes and shares theirs, the facilitator reads it and sees the set's figures over time. */
describe('the set’s ending and its evaluation over time (Chromium)', () => {
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

  it('runs from opening the ending review to a shared review, and shows the figures meeting by meeting with their tables', async () => {
    const base = server.baseUrl;
    const { tokens, setId } = await setWithPeople(base, { fran: 'Fran Facilitator', ann: 'Ann Member', bo: 'Bo Member' }, { name: 'Ending set', mode: 'face-to-face' });
    const set = await call<{ members: { userId: string; displayName: string }[] }>(base, 'GET', `/sets/${setId}`, undefined, tokens.fran);
    const id = (name: string) => set.members.find((m) => m.displayName === name)!.userId;
    // Three meetings held, recorded after the fact, with who was there.
    for (const [daysAgo, present] of [[70, ['Fran Facilitator', 'Ann Member']], [40, ['Fran Facilitator', 'Ann Member', 'Bo Member']], [10, ['Fran Facilitator', 'Ann Member', 'Bo Member']]] as const) {
      const meeting = await call<{ id: string }>(base, 'POST', `/sets/${setId}/meetings`, { startsAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(), durationMinutes: 180, format: 'in-person', location: 'Room 2' }, tokens.fran);
      for (const name of present) await call(base, 'PUT', `/meetings/${meeting.id}/attendance/${id(name)}`, { status: 'attending' }, tokens.fran);
    }

    const fran = await signedInPage(browser, base, 'fran');
    await fran.goto(`/sets/${setId}`);
    const ending = fran.getByRole('region', { name: 'The set’s ending' });
    await ending.getByRole('button', { name: 'Open the ending review' }).click();
    await ending.getByText(/0 of 3 participants have written one/).waitFor();

    const ann = await signedInPage(browser, base, 'ann');
    await ann.goto(`/sets/${setId}`);
    const form = ann.getByRole('region', { name: 'The set’s ending' });
    await form.getByLabel(/What I came with/).fill('A stuck case about a family placement, and a habit of fixing things for people.');
    await form.getByLabel(/What changed in my practice/).fill('I ask what the person has tried before I suggest anything, in supervision too.');
    await form.getByLabel(/What I take forward/).fill('Asking before advising; a peer group with two of the set.');
    await form.getByRole('checkbox', { name: /Share my review with the set/ }).check();
    await form.getByRole('button', { name: 'Save my review' }).click();
    await form.getByText('Saved and shared with the set. It is in your CPD export.').waitFor();
    await form.scrollIntoViewIfNeeded();
    await ann.screenshot({ path: join(SHOTS, 'member-review.png'), fullPage: true });

    await fran.reload();
    const shared = fran.getByRole('article', { name: 'Ann Member’s review' });
    await shared.getByText('I ask what the person has tried before I suggest anything, in supervision too.').waitFor();
    await fran.getByRole('region', { name: 'The set’s ending' }).getByText(/1 of 3 participants have written one/).waitFor();
    await fran.getByText(/2 of 3 participants have not written an ending review yet/).waitFor();
    await fran.screenshot({ path: join(SHOTS, 'facilitator-set-page.png'), fullPage: true });

    await fran.goto(`/sets/${setId}/evaluation`);
    const attendance = fran.getByRole('region', { name: 'Attendance over time' });
    await attendance.getByText('The figures as a table').click();
    const rows = attendance.getByRole('row');
    await rows.nth(3).waitFor();
    expect(await rows.count()).toBe(4);
    // Recorded in the room (no live session): counted as present.
    expect(await rows.nth(1).textContent()).toMatch(/^1\. .*2/);
    expect(await rows.nth(2).textContent()).toMatch(/^2\. .*3/);
    await fran.getByText(/From the first meeting .* to the last/).waitFor();
    await fran.getByRole('link', { name: 'Download the report (PDF)' }).waitFor();
    await fran.screenshot({ path: join(SHOTS, 'evaluation-over-time.png'), fullPage: true });

    // A practice set is marked as such.
    await call(base, 'POST', '/sets', { name: 'Training day', mode: 'virtual', timeZone: 'Europe/London', practice: true }, tokens.fran);
    await fran.goto('/');
    await fran.getByRole('listitem').filter({ hasText: 'Training day' }).getByText('Practice set').waitFor();
    await fran.screenshot({ path: join(SHOTS, 'my-sets-practice.png'), fullPage: true });
  });
});
