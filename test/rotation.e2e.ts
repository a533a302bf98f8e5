import type { FacilitatorNote, MeetingResponse } from '@als/shared';
import { call } from './support/call';
import { apiAndChromium } from './support/suite';
import { setWithPeople, signedInPage } from './support/people';

describe('a self-facilitated set: a rota, a member running the meeting, their reflection (Chromium)', () => {
  const suite = apiAndChromium();

  it('makes a rota on the set page, lets the rota’s member start and end the session and reflect privately, and keeps who facilitated', async () => {
    const base = suite.server.baseUrl;
    const { tokens, setId } = await setWithPeople(base, { fran: 'Fran Facilitator', pat: 'Pat Member', sam: 'Sam Member' }, { name: 'Rota set', mode: 'virtual' });
    await call(base, 'POST', `/sets/${setId}/meetings`, { startsAt: '2027-02-04T09:30', durationMinutes: 180, format: 'online', recurrence: 'FREQ=MONTHLY;COUNT=3' }, tokens.fran);

    const fran = await signedInPage(suite.browser, base, 'fran');
    await fran.goto(`/sets/${setId}/meetings`);
    await fran.getByRole('button', { name: 'Make a rota' }).click();
    await fran.getByRole('checkbox', { name: 'Pat Member' }).check();
    await fran.getByRole('checkbox', { name: 'Sam Member' }).check();
    await fran.getByRole('button', { name: 'Give the 3 meetings to come in turn' }).click();
    await fran.getByRole('heading', { name: 'Make a rota' }).waitFor({ state: 'detached' });
    const meetings = await call<MeetingResponse[]>(base, 'GET', `/sets/${setId}/meetings?from=2027-01-01&to=2027-12-31`, undefined, tokens.sam);
    const byName = { pat: (await call<{ user: { id: string } }>(base, 'POST', '/auth/login', { email: 'pat@example.org', password: 'pat has a long password' })).user.id, sam: (await call<{ user: { id: string } }>(base, 'POST', '/auth/login', { email: 'sam@example.org', password: 'sam has a long password' })).user.id };
    expect(meetings.map((m) => m.facilitatorId)).toEqual([byName.pat, byName.sam, byName.pat]);

    const [first] = meetings;
    const pat = await signedInPage(suite.browser, base, 'pat');
    const sam = await signedInPage(suite.browser, base, 'sam');
    await sam.goto(`/meetings/${first.id}/live`);
    await sam.getByText('Waiting for the facilitator to start.').waitFor();
    await pat.goto(`/meetings/${first.id}/live`);
    await pat.getByRole('button', { name: 'Start the session' }).click();
    await sam.locator('.live-header__phase', { hasText: 'Check-in and report-back' }).waitFor();
    await pat.getByRole('button', { name: 'End the session' }).click();
    await pat.getByRole('button', { name: 'Yes, end it for everyone' }).click();
    await pat.getByRole('button', { name: 'Reflect on this session' }).click();
    await pat.getByLabel('What do I take to supervision?').fill('How I held the silence');
    await pat.getByRole('button', { name: 'Keep my reflection' }).click();
    await pat.getByText('Saved.').waitFor();
    expect(await sam.getByRole('button', { name: 'Reflect on this session' }).count()).toBe(0);

    expect(await call<FacilitatorNote>(base, 'GET', `/meetings/${first.id}/facilitator-notes`, undefined, tokens.pat)).toMatchObject({ forSupervision: 'How I held the silence' });
    expect(await call<FacilitatorNote>(base, 'GET', `/meetings/${first.id}/facilitator-notes`, undefined, tokens.fran)).toMatchObject({ forSupervision: '' });
    await fran.goto(`/sets/${setId}/meetings`);
    await fran.getByText('Facilitated by Pat Member').waitFor();
  });
});
