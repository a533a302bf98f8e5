import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { LIVE_MESSAGES, type EvaluationResponse, type LiveJoinAck, type LiveSessionState, type MeetingDetailResponse, type SessionRecordResponse } from '@als/shared';
import { ApiProcess, startApi } from './support/api-process';
import { ARTIFACTS, launchChromium } from './support/browser';
import { call } from './support/call';
import { connectLive, faceToFaceSet } from './support/live';
import { signedInPage } from './support/people';

/*
 * A face-to-face meeting run entirely from the facilitator's console (issue 17, room mode in full):
 * three members are in the room and never open the platform; one laptop runs the console
 * (`?room=1`, its own account not counted), a second screen the projector. The facilitator records
 * for them the attendance, the contracting, a report-back on an action from the last meeting, bids,
 * the presenter order, each presenter's round with their questions, the review's words, ratings and
 * check-out words, to the end. The projector is checked in each phase as the room sees it; at the
 * end the record, the attendance and the evaluation must say the three were there and that their
 * questions and ratings are theirs. Screenshots: test/artifacts/room-*.png.
 */

/** Generous: the machine these run on is small and shared. */
const WAIT = 60_000;

describe('a face-to-face meeting run from the console (Chromium)', () => {
  let server: ApiProcess;
  let browser: Browser;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startApi({ env: { LIVE_RATE_LIMIT: '0' } });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close();
    await server?.stop();
  });

  it('records everything for three people in the room, phase by phase, with the projector showing it', async () => {
    const base = server.baseUrl;
    const { tokens, setId, earlier, meeting, ids, people } = await faceToFaceSet(base);

    // The last meeting (through the API, Sam on his own device): Sam presented and committed to an action, to report back on at this check-in.
    const fran = await connectLive(base, tokens.fran);
    sockets.push(fran);
    let n = 0;
    const send = async (meetingId: string, type: string, payload: Record<string, unknown> = {}) => {
      const ack = (await fran.emitWithAck(LIVE_MESSAGES.command, { commandId: `r-${++n}`, meetingId, type, payload })) as { ok: boolean; error?: string };
      if (!ack.ok) throw new Error(`${type}: ${ack.error}`);
    };
    const samEarlier = await connectLive(base, tokens.sam);
    sockets.push(samEarlier);
    await fran.emitWithAck(LIVE_MESSAGES.join, { meetingId: earlier.id });
    await samEarlier.emitWithAck(LIVE_MESSAGES.join, { meetingId: earlier.id });
    await send(earlier.id, 'start');
    await send(earlier.id, 'goTo', { phase: 'actions', presenterId: ids.sam });
    const samsAction = 'Share the carers’ assessment checklist with the set';
    await send(earlier.id, 'addAction', { text: samsAction, ownerId: ids.sam });
    await send(earlier.id, 'end');
    const open = await call<{ ownerId: string; text: string; status: string }[]>(base, 'GET', `/sets/${setId}/actions?status=open`, undefined, tokens.fran);
    expect(open.map((a) => [a.ownerId, a.text])).toEqual([[ids.sam, samsAction]]);

    const m = meeting.id;
    const consolePage = await signedInPage(browser, base, 'fran');
    const projectorPage = await signedInPage(browser, base, 'fran');
    for (const page of [consolePage, projectorPage]) page.setDefaultTimeout(WAIT);
    await projectorPage.setViewportSize({ width: 1920, height: 1080 });
    const shot = async (name: string, page: Page) => page.screenshot({ path: join(ARTIFACTS, `room-${name}.png`), fullPage: page === consolePage });
    const onProjector = (label: string) => projectorPage.locator('h1.projector__phase', { hasText: label }).waitFor();
    const projected = (panel: string, text: string | RegExp) => projectorPage.getByLabel(panel).getByText(text).first().waitFor();
    const c = consolePage;
    const button = (name: string | RegExp) => c.getByRole('button', { name });
    const next = async (phase: string) => {
      await button(new RegExp(`^Next: ${phase}`)).click();
      await c.locator('.live-header__phase', { hasText: phase }).waitFor();
      await onProjector(phase);
    };
    const recordingFor = async (name: string, within: Locator | Page = c) => {
      await within.getByLabel('Recording for').selectOption({ label: name });
    };

    // The register, on the meeting page: the three are here (the facilitator records it for them).
    await c.goto(`/meetings/${m}`);
    for (const key of ['pat', 'sam', 'dana'] as const) {
      const attending = c.getByRole('button', { name: `Record ${people[key]} as attending` });
      await attending.click();
      await c.waitForFunction((el) => el?.getAttribute('aria-pressed') === 'true', await attending.elementHandle(), { timeout: WAIT });
    }
    await c.getByText('3 attending').waitFor();
    await shot('register', c);

    // The console in the room, its own account not counted; the projector on the second screen.
    await c.getByRole('link', { name: 'Join in the room' }).click();
    await c.waitForURL(`**/meetings/${m}/live?room=1`);
    expect(await c.getByRole('checkbox', { name: /I take part in this meeting/ }).isChecked()).toBe(false);
    await projectorPage.goto(`/meetings/${m}/projector`);
    await onProjector('Waiting to start');
    await projectorPage.getByText('Northfield practice leads').waitFor();
    // Who is here: the three on the register, in the room; not the console's own account.
    const inRoom = [people.dana, people.pat, people.sam];
    await c.getByText(`Here: ${inRoom.map((name) => `${name} (in the room)`).join(', ')}`).waitFor();
    for (const name of inRoom) await projected('Here so far', name);
    expect(await projectorPage.getByLabel('Here so far').getByText(people.fran).count()).toBe(0);
    await shot('projector-lobby', projectorPage);

    await button('Start the session').click();
    await onProjector('Check-in and report-back');
    // The console's account does not take part ("I take part" unticked): it is not in the check-in round on any screen.
    const checkInOrder = c.getByRole('list', { name: 'Check-in order' });
    await checkInOrder.locator('li').first().getByText(people.pat).waitFor();
    expect(await checkInOrder.getByText(people.fran).count()).toBe(0);

    // Contracting: the first meeting that agrees the ground rules. Dana proposes a change; the set agrees.
    const contract = c.getByRole('region', { name: /ground rules/i }).first();
    await recordingFor(people.dana, contract);
    await contract.getByLabel('Propose a change').fill('We put phones away while someone presents.');
    await contract.getByRole('button', { name: `Propose for ${people.dana}` }).click();
    await contract.getByRole('list', { name: 'Proposed changes' }).getByText('We put phones away while someone presents.').waitFor();
    const agreed = contract.getByLabel('The ground rules the set agrees');
    await agreed.fill(`${await agreed.inputValue()}\nWe put phones away while someone presents.`);
    await contract.getByRole('button', { name: 'Record as agreed' }).click();
    await c.getByRole('status').getByText(`Agreed in this session by ${people.pat}, ${people.sam}, ${people.dana}.`).waitFor();

    // Check-in: Sam's report-back on last meeting's action, recorded for him.
    const sams = c.getByRole('group', { name: `${people.sam}’s actions` });
    await sams.getByRole('radio', { name: 'Partly' }).check();
    await sams.getByLabel(`Note on “${samsAction}” (optional)`).fill('Shared it with two of you; the rest next week');
    await sams.getByRole('button', { name: `Record for ${people.sam}` }).click();
    await sams.getByText('Recorded: Partly — Shared it with two of you; the rest next week.').waitFor();
    await projected('Who has reported back', 'Reported back: 1 of 1');
    await shot('check-in', c);
    await shot('projector-check-in', projectorPage);

    // Bidding: Pat and Sam want time, Dana not today; the order by urgency, agreed.
    await next('Bidding for airtime');
    const bid = async (name: string, urgency: number | null) => {
      await recordingFor(name);
      if (urgency === null) {
        await button('Not today').click();
        await c.getByRole('status').getByText('Not presenting today.').waitFor();
      } else {
        await c.getByRole('radio', { name: String(urgency), exact: true }).check();
        await button('I would like time').click();
        await c.getByRole('status').getByText(`Bid made, urgency ${urgency}.`).waitFor();
      }
    };
    await bid(people.pat, 4);
    await bid(people.sam, 2);
    await bid(people.dana, null);
    await projected('Bids', 'urgency 4 of 5');
    await projected('Bids', 'urgency 2 of 5');
    await projected('Bids', 'not today');
    await projectorPage.getByText('Bids: 2 would like time').waitFor();
    const order = c.locator('.order');
    expect(await order.locator('li').allTextContents()).toEqual([expect.stringContaining(people.pat), expect.stringContaining(people.sam)]);
    await button('Agree this order').click();
    await c.getByRole('heading', { name: 'Order agreed' }).waitFor();
    await projected('Presenters', people.sam);
    await shot('bidding', c);
    await shot('projector-bidding', projectorPage);

    // Pat's round. The facilitator does not take part, so she is not in the turn order: the three take the turns.
    const rounds: Record<string, { presenter: keyof typeof people; ask: string; clarifying: [keyof typeof people, string][]; open: [keyof typeof people, string | null][]; reflection: string; action: string }> = {
      pat: {
        presenter: 'pat',
        ask: 'Help me see why out-of-hours referrals keep bouncing back to my team.',
        clarifying: [
          ['sam', 'How many referrals came back last month?'],
          ['dana', 'Who decides where an out-of-hours referral goes?'],
        ],
        open: [
          ['sam', 'What would a good week look like for you and the duty team?'],
          ['dana', 'What is stopping you from raising it at the locality meeting?'],
        ],
        reflection: 'I have been treating it as a rota problem; it is really about who owns the first call.',
        action: 'Draft a one-page first-call protocol with the duty manager',
      },
      sam: {
        presenter: 'sam',
        ask: 'I want to think about how to hand over my carers’ caseload before leave.',
        clarifying: [['pat', 'How long is the leave?']],
        open: [
          ['pat', 'What would make you confident the hand-over had worked?'],
          ['dana', null],
        ],
        reflection: 'The worry is less the cases than the carers who only trust me.',
        action: 'Introduce my two most anxious carers to the covering worker',
      },
    };
    for (const round of Object.values(rounds)) {
      const presenter = people[round.presenter];
      await button(new RegExp(`^Next: Presenting \\(${presenter}\\)`)).click();
      await onProjector('Presenting');
      await c.getByText(`Presenter: ${presenter}`).waitFor();
      // Not taking part is enough: she does not have to step out of the turns as well.
      expect(await c.getByRole('checkbox', { name: 'Leave me out of the turn order' }).isChecked()).toBe(false);
      await c.getByLabel('The ask', { exact: true }).fill(round.ask);
      await button('Set the ask').click();
      await projected('The presenter’s ask', round.ask);
      if (round.presenter === 'pat') await shot('projector-present', projectorPage);

      await next('Clarifying questions');
      for (const [who, text] of round.clarifying) {
        await recordingFor(people[who]);
        await c.getByLabel(`Your question to ${presenter}`).fill(text);
        await button('Ask').click();
        await c.getByRole('region', { name: `Questions for ${presenter}` }).getByText(text).waitFor();
        await projected('Questions', text);
      }
      if (round.presenter === 'pat') await shot('projector-clarifying', projectorPage);

      await next('Open questions');
      const turnOrder = round.open.map(([who]) => people[who]);
      expect(await projectorPage.getByLabel('Turn order').locator('li').allTextContents()).toEqual(turnOrder);
      for (const [i, [who, text]] of round.open.entries()) {
        const name = people[who];
        const after = people[round.open[(i + 1) % round.open.length][0]];
        await c.getByText(`${name}'s turn.`).waitFor();
        // The console records for whoever has the turn, without being told (it follows the turn).
        expect(await c.getByLabel('Recording for').inputValue()).toBe(ids[who]);
        if (text) {
          await c.getByLabel(`Your question to ${presenter}`).fill(text);
          await button('Ask').click();
          await c.getByText(`${name}'s turn (follow-up or pass).`).waitFor();
          await projected('Questions', text);
        }
        await button('Pass').click();
        await c.getByText(`${after}'s turn.`).waitFor();
        await projectorPage.getByLabel('Turn order').locator('[aria-current="step"]', { hasText: after }).waitFor();
      }
      if (round.presenter === 'pat') {
        await shot('questions', c);
        await shot('projector-questions', projectorPage);
      }

      await next('Reflection');
      await c.getByLabel('What do you see now?').fill(round.reflection);
      await button('Add reflection').click();
      await projected('Reflection', round.reflection);

      await next('Actions');
      await c.getByLabel('An action you commit to').fill(round.action);
      await button('Add action').click();
      await projected('Actions', round.action);
      await projectorPage.getByText('Actions committed: 1').waitFor();
      if (round.presenter === 'pat') await shot('projector-actions', projectorPage);
    }

    // Process review: a word on how the questioning went, and a rating for each of the three.
    await next('Process review');
    await projected('Process review prompts', 'What helped us today?');
    // The airtime list is the participants': not the facilitator who does not take part ("asked 0").
    await c.getByText(`${people.dana} asked 2 (33%)`).waitFor();
    expect(await c.getByText(`${people.fran} asked`).count()).toBe(0);
    const ratings = { pat: 4, sam: 5, dana: 3 } as const;
    await recordingFor(people.dana);
    await c.getByLabel(`${people.dana}’s words: ${'How did the questioning go?'}`).fill('We kept to questions, even when advice was tempting.');
    await button('Add: How did the questioning go?').click();
    await c.getByRole('list', { name: 'How did the questioning go?' }).getByText(`— ${people.dana}`).waitFor();
    await recordingFor(people.pat);
    await c.getByLabel(`${people.pat}’s words: What helped us today?`).fill('Being asked what I had already tried.');
    await c.getByRole('checkbox', { name: 'Without their name' }).first().check();
    await button('Add: What helped us today?').click();
    await c.getByRole('list', { name: 'What helped us today?' }).getByText('— anonymous').waitFor();
    // The room sees the words too: Dana's with her name, Pat's without.
    await projected('What we said', 'We kept to questions, even when advice was tempting.');
    await projected('What we said', 'Being asked what I had already tried.');
    expect(await projectorPage.getByLabel('What we said').locator('li').allTextContents()).toEqual([
      `How did the questioning go? We kept to questions, even when advice was tempting. — ${people.dana}`,
      'What helped us today? Being asked what I had already tried. — anonymous',
    ]);
    for (const [key, rating] of Object.entries(ratings) as [keyof typeof ratings, number][]) {
      const name = people[key];
      await recordingFor(name);
      await c.getByRole('group', { name: `How well did the session work for ${name}? (1 – 5)` }).getByRole('radio', { name: String(rating), exact: true }).check();
      await c.getByLabel('What helped, what hindered?').fill(`${name.split(' ')[0]}: the pace was right`);
      await button(`Record rating for ${name}`).click();
      await c.getByRole('status').getByText(`${name}’s rating is in.`).waitFor();
    }
    await projectorPage.getByText('Ratings given: 3 of 3').waitFor();
    // All of it fits the screen: nothing cut off, no scrolling.
    expect(
      await projectorPage.evaluate(() => {
        const main = document.querySelector('.projector__main');
        return { page: document.documentElement.scrollHeight <= window.innerHeight, main: !!main && main.scrollHeight <= main.clientHeight + 1 };
      }),
    ).toEqual({ page: true, main: true });
    await shot('process-review', c);
    await shot('projector-process-review', projectorPage);

    // Check-out: a word each, the facilitator's own too.
    await next('Check-out');
    const words = { pat: 'Clearer', sam: 'Reassured', dana: 'Curious' } as const;
    for (const [key, word] of Object.entries(words) as [keyof typeof words, string][]) {
      const name = people[key];
      await recordingFor(name);
      await c.getByLabel(`${name}’s word`).fill(word);
      await button(`Check out ${name}`).click();
      await projected('Check-out words', word);
    }
    // All three participants have checked out: nobody is still to, though the facilitator has not given a word yet.
    expect(await projectorPage.getByText(/^Still to check out/).count()).toBe(0);
    await recordingFor(`${people.fran} (me)`);
    await c.getByLabel('Your word').fill('Grateful');
    await button('Check out').click();
    await projected('Check-out words', 'Grateful');
    expect(await projectorPage.getByText(/^Still to check out/).count()).toBe(0);
    await shot('check-out', c);
    await shot('projector-check-out', projectorPage);

    await button('End the session').click();
    await button('Yes, end it for everyone').click();
    await onProjector('Ended');
    await projectorPage.getByText('Thank you, everyone.').waitFor();
    await projectorPage.getByText('2 actions agreed today.').waitFor();
    await c.getByRole('heading', { name: 'The session has ended' }).waitFor();
    await shot('projector-ended', projectorPage);

    // What the set keeps: the three present (in the room), the console's account not; theirs the questions, words and ratings.
    const record = await call<SessionRecordResponse>(base, 'GET', `/meetings/${m}/record`, undefined, tokens.pat);
    expect(record.attendance.present.map((p) => p.userId).sort()).toEqual([ids.pat, ids.sam, ids.dana].sort());
    expect(record.attendance.present.every((p) => p.inRoom)).toBe(true);
    expect(record.attendance.apologies).toEqual([]);
    const askedBy = (key: keyof typeof people) => record.questions.filter((q) => q.askerId === ids[key]).map((q) => q.text).sort();
    for (const key of ['pat', 'sam', 'dana'] as const) {
      const expected = Object.values(rounds).flatMap((r) => [...r.clarifying, ...r.open].filter(([who, text]) => who === key && text).map(([, text]) => text));
      expect({ key, asked: askedBy(key) }).toEqual({ key, asked: expected.sort() });
    }
    expect(askedBy('fran')).toEqual([]);
    expect(record.questions.filter((q) => q.presenterId === ids.pat)).toHaveLength(4);
    expect(record.reflections.map((r) => [r.presenterId, r.text])).toEqual([
      [ids.pat, rounds.pat.reflection],
      [ids.sam, rounds.sam.reflection],
    ]);
    expect(record.actions.map((a) => [a.ownerId, a.text])).toEqual([
      [ids.pat, rounds.pat.action],
      [ids.sam, rounds.sam.action],
    ]);
    expect(record.checkOuts.map((o) => [o.userId, o.text]).sort()).toEqual(
      [...(Object.entries(words) as [keyof typeof words, string][]).map(([k, w]) => [ids[k], w]), [ids.fran, 'Grateful']].sort(),
    );
    expect(record.ratings).toMatchObject({ count: 3, average: 4 });
    expect([...record.ratings.comments].sort()).toEqual(['Dana: the pace was right', 'Pat: the pace was right', 'Sam: the pace was right']);
    expect(record.reviewWords).toEqual([
      { prompt: 'questioning', text: 'We kept to questions, even when advice was tempting.', authorId: ids.dana },
      { prompt: 'helped', text: 'Being asked what I had already tried.', authorId: null },
    ]);
    expect(record.contractAgreed?.text).toContain('We put phones away while someone presents.');

    // Whose ratings: the session's own state, read by a device that does not count itself present.
    const reader = await connectLive(base, tokens.fran);
    sockets.push(reader);
    const joined = (await reader.emitWithAck(LIVE_MESSAGES.join, { meetingId: m, present: false })) as LiveJoinAck;
    if (!joined.ok) throw new Error(joined.error);
    const state: LiveSessionState = joined.state;
    expect(Object.fromEntries(state.ratings.map((r) => [r.userId, r.rating]))).toEqual({ [ids.pat]: 4, [ids.sam]: 5, [ids.dana]: 3 });
    expect(state.reportBacks.map((r) => [r.actionId, r.status])).toEqual([[expect.any(String), 'partly']]);

    // The report-back reached Sam's action; the register shows who recorded the attendance.
    const sam = await call<{ text: string; status: string; reportNote: string }[]>(base, 'GET', `/sets/${setId}/actions`, undefined, tokens.sam);
    expect(sam.find((a) => a.text === samsAction)).toMatchObject({ status: 'partly', reportNote: 'Shared it with two of you; the rest next week' });
    const detail = await call<MeetingDetailResponse>(base, 'GET', `/meetings/${m}`, undefined, tokens.fran);
    expect(detail.replies?.filter((r) => r.status === 'attending').map((r) => r.userId).sort()).toEqual([ids.pat, ids.sam, ids.dana].sort());

    // The evaluation: the three at this meeting, with their questions; the ratings as given.
    const evaluation = await call<EvaluationResponse>(base, 'GET', `/sets/${setId}/evaluation`, undefined, tokens.fran);
    expect(evaluation.meetings.find((x) => x.meetingId === m)?.present).toBe(3);
    const member = (key: keyof typeof people) => evaluation.members?.find((x) => x.userId === ids[key]);
    expect(member('pat')).toMatchObject({ meetingsPresent: 1, presented: 1, questions: 2 });
    expect(member('sam')).toMatchObject({ meetingsPresent: 2, presented: 2, questions: 2 }); // the last meeting too
    expect(member('dana')).toMatchObject({ meetingsPresent: 1, presented: 0, questions: 2 });
    expect(evaluation.ratings).toMatchObject({ count: 3, average: 4 });
  }, 900_000);
});
