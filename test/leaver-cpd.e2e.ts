import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from './support/browser';
import { call } from './support/call';
import { apiAndChromium } from './support/suite';
import { setWithPeople, signedInPage } from './support/people';

/** CONTRACT.md, "What a person keeps": a member removed from a set downloads a CPD record that still holds the set's meeting they attended. */
describe("a leaver's CPD export (Chromium)", () => {
  const suite = apiAndChromium();

  it('keeps the meeting a removed member took part in, and shows them nothing else of the set', async () => {
    const base = suite.server.baseUrl;
    const { tokens, setId } = await setWithPeople(base, { fran: 'Fran Facilitator', lee: 'Lee Leaver' }, { name: 'Leavers set', mode: 'face-to-face' });
    // A meeting held ten days ago, in person; the register says Lee was there.
    const startsAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const meeting = await call<{ id: string }>(base, 'POST', `/sets/${setId}/meetings`, { startsAt, durationMinutes: 180, format: 'in-person', location: 'Room 2' }, tokens.fran);
    const users = await call<{ members: { userId: string; displayName: string }[] }>(base, 'GET', `/sets/${setId}`, undefined, tokens.fran);
    const lee = users.members.find((m) => m.displayName === 'Lee Leaver')!.userId;
    await call(base, 'PUT', `/meetings/${meeting.id}/attendance/${lee}`, { status: 'attending' }, tokens.fran);
    await call(base, 'DELETE', `/sets/${setId}/members/${lee}`, undefined, tokens.fran);

    const page = await signedInPage(suite.browser, base, 'lee');
    await page.goto('/');
    await page.getByText('You are not in any set yet.').waitFor();
    await page.goto('/learning-log');
    await page.getByLabel('Format').selectOption('csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CPD record' }).click()]);
    const file = join(ARTIFACTS, 'leaver-cpd.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain('Peer learning: action learning set');
    expect(csv).toContain('Leavers set: set meeting');
    expect(csv).toContain('Action learning set meeting, in person.');
  });
});
