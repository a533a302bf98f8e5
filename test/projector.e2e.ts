import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { LIVE_MESSAGES, type LiveJoinAck, type LiveSessionState } from '@als/shared';
import { ApiProcess, startApi } from './support/api-process';
import { ARTIFACTS, launchChromium } from './support/browser';
import { connectLive, faceToFaceSet } from './support/live';
import { passwordOf } from './support/people';

/*
 * The projector as the room sees it, in every phase of a meeting at 1920×1080 (and the open
 * questions at 1280×720): screenshots under test/artifacts/projector-*.png, and checks that what
 * the phase needs is on the screen, fits it, and that the phase name is never broken in a word.
 */

async function projectorPage(browser: Browser, base: string, key: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport });
  await context.request.post('/api/auth/login', { data: { email: `${key}@example.org`, password: passwordOf(key) } });
  return context.newPage();
}

/** What a facilitator at 4 m would be let down by: the phase name broken, text cut off, the page scrolling. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) problems.push(`page scrolls sideways (${root.scrollWidth}px)`);
    if (root.scrollHeight > window.innerHeight) problems.push(`page scrolls down (${root.scrollHeight}px)`);
    for (const selector of ['.projector__main', '.projector__side']) {
      const el = document.querySelector(selector);
      if (el && el.scrollHeight > el.clientHeight + 1) problems.push(`${selector} is cut off (${el.scrollHeight} > ${el.clientHeight})`);
    }
    for (const el of Array.from(document.querySelectorAll('.projector .timer, .projector h1, .projector-join, .projector-turns li'))) {
      const box = el.getBoundingClientRect();
      if (box.right > window.innerWidth || el.scrollWidth > el.clientWidth + 1) problems.push(`${el.className || el.tagName} runs off (${Math.round(box.right)}px, ${el.scrollWidth} > ${el.clientWidth})`);
    }
    const heading = document.querySelector('h1.projector__phase');
    if (heading) {
      const style = getComputedStyle(heading);
      if (style.hyphens !== 'manual') problems.push(`phase hyphens: ${style.hyphens}`);
      if (style.overflowWrap !== 'normal' || style.wordBreak !== 'normal') problems.push('phase may break inside a word');
      // Each word of the phase on one line.
      for (const word of Array.from(heading.querySelectorAll('.projector__word'))) {
        if (word.getClientRects().length > 1) problems.push(`"${word.textContent}" is broken across lines`);
      }
      if (!heading.querySelector('.projector__word')) problems.push('phase words are not kept whole');
      const size = parseFloat(style.fontSize);
      if (size < window.innerWidth * 0.03) problems.push(`phase is only ${size}px`);
    }
    return problems;
  });
}

describe('the projector in every phase (Chromium)', () => {
  let server: ApiProcess;
  let browser: Browser;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startApi({ env: { LIVE_RATE_LIMIT: '0' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the room what each phase needs, at 1920×1080 and 1280×720', async () => {
    const base = server.baseUrl;
    const { tokens, earlier, meeting, ids } = await faceToFaceSet(base);

    const fran = await connectLive(base, tokens.fran);
    const pat = await connectLive(base, tokens.pat);
    sockets.push(fran, pat);
    let n = 0;
    const send = async (socket: Socket, meetingId: string, type: string, payload: Record<string, unknown> = {}) => {
      const ack = (await socket.emitWithAck(LIVE_MESSAGES.command, { commandId: `p-${++n}`, meetingId, type, payload })) as { ok: boolean; error?: string };
      if (!ack.ok) throw new Error(`${type}: ${ack.error}`);
    };
    const stateOf = async (meetingId: string) => {
      const ack = (await fran.emitWithAck(LIVE_MESSAGES.join, { meetingId })) as LiveJoinAck;
      if (!ack.ok) throw new Error(ack.error);
      return ack.state as LiveSessionState;
    };

    // Last meeting: Pat committed to two actions, Sam to one. They come up at this meeting's check-in.
    await fran.emitWithAck(LIVE_MESSAGES.join, { meetingId: earlier.id });
    await pat.emitWithAck(LIVE_MESSAGES.join, { meetingId: earlier.id });
    await send(fran, earlier.id, 'start');
    await send(fran, earlier.id, 'goTo', { phase: 'actions', presenterId: ids.pat });
    await send(fran, earlier.id, 'addAction', { text: 'Ask the duty team how they triage out-of-hours calls', ownerId: ids.pat });
    await send(fran, earlier.id, 'addAction', { text: 'Book supervision with my manager about caseload weighting', ownerId: ids.pat });
    await send(fran, earlier.id, 'addAction', { text: 'Share the carers’ assessment checklist with the set', ownerId: ids.sam });
    await send(fran, earlier.id, 'end');

    const m = meeting.id;
    await fran.emitWithAck(LIVE_MESSAGES.join, { meetingId: m });
    await pat.emitWithAck(LIVE_MESSAGES.join, { meetingId: m });
    const screen = await projectorPage(browser, base, 'fran', { width: 1920, height: 1080 });
    await screen.goto(`/meetings/${m}/projector`);
    const shot = async (name: string, page = screen) => {
      await page.waitForTimeout(150); // the timer's next tick
      await page.screenshot({ path: join(ARTIFACTS, `projector-${name}.png`) });
      expect({ name, problems: await layoutProblems(page) }).toEqual({ name, problems: [] });
    };
    const phase = (label: string, page = screen) => page.locator('h1.projector__phase', { hasText: label }).waitFor();

    await phase('Waiting to start');
    await screen.getByText('Northfield practice leads').waitFor();
    await screen.getByText(/4 February 2031, 09:30 – 12:30/).waitFor();
    const qr = screen.getByRole('img', { name: /^QR code for / });
    expect(await qr.getAttribute('aria-label')).toBe(`QR code for ${base.replace(/^https?:\/\//, '')}/meetings/${m}/live`);
    await shot('lobby');

    await send(fran, m, 'start');
    await phase('Check-in and report-back');
    const open = (await stateOf(m)).openActions;
    expect(open).toHaveLength(3);
    for (const action of open.filter((a) => a.ownerId === ids.pat)) await send(fran, m, 'reportBack', { actionId: action.id, status: 'done', note: 'Done', onBehalfOf: ids.pat });
    await screen.getByLabel('Who has reported back').getByText('Reported back: 1 of 2').waitFor();
    await screen.getByText('reported back on both').waitFor();
    await screen.getByText('0 of 1 reported').waitFor();
    await shot('check-in');

    await send(fran, m, 'advance');
    await phase('Bidding for airtime');
    await send(fran, m, 'bid', { wantsTime: true, urgency: 4, onBehalfOf: ids.pat });
    await send(fran, m, 'bid', { wantsTime: true, urgency: 2, onBehalfOf: ids.sam });
    await send(fran, m, 'bid', { wantsTime: false, urgency: 1, onBehalfOf: ids.dana });
    await screen.getByLabel('Bids').getByText('urgency 4 of 5').waitFor();
    await screen.getByLabel('Bids').getByText('not today').waitFor();
    await send(fran, m, 'setOrder', { presenterIds: [ids.pat, ids.sam] });
    await screen.getByLabel('Presenters').getByText('Sam Adeyemi').waitFor();
    await shot('bidding');

    await send(fran, m, 'advance');
    await phase('Presenting');
    await send(pat, m, 'setAsk', { text: 'Help me see why the out-of-hours referrals keep bouncing back to my team.' });
    await screen.getByLabel('The presenter’s ask').getByText(/out-of-hours referrals/).waitFor();
    await screen.getByText('Pat Lindqvist', { exact: false }).first().waitFor();
    await shot('present');

    await send(fran, m, 'advance');
    await phase('Clarifying questions');
    await send(fran, m, 'ask', { text: 'How many referrals came back last month?', onBehalfOf: ids.sam });
    await send(fran, m, 'ask', { text: 'Who decides where an out-of-hours referral goes?', onBehalfOf: ids.dana });
    await screen.getByLabel('Questions').getByText('Who decides where an out-of-hours referral goes?').waitFor();
    await shot('clarifying');

    await send(fran, m, 'advance');
    await phase('Open questions');
    const asked = ['What would a good week look like for you and the duty team?', 'What have you already tried with the hospital social work team?', 'What is stopping you from raising it at the locality meeting?'];
    for (const text of asked) {
      const { turn } = await stateOf(m);
      const who = turn!.order[turn!.index];
      await send(fran, m, 'ask', { text, ...(who === ids.fran ? {} : { onBehalfOf: who }) });
      await send(fran, m, 'pass', who === ids.fran ? {} : { onBehalfOf: who });
    }
    await screen.getByLabel('Questions').getByText(asked[2]).waitFor();
    await screen.getByLabel('Turn order').locator('[aria-current="step"]').waitFor();
    await shot('questions');
    const small = await projectorPage(browser, base, 'fran', { width: 1280, height: 720 });
    await small.goto(`/meetings/${m}/projector`);
    await phase('Open questions', small);
    await small.getByLabel('Questions').getByText(asked[2]).waitFor();
    await shot('questions-1280x720', small);
    await send(fran, m, 'pause');
    await screen.getByText('Time-out').waitFor();
    await shot('time-out');
    await send(fran, m, 'resume');

    await send(fran, m, 'advance');
    await phase('Reflection');
    await send(pat, m, 'reflect', { text: 'I have been treating it as a rota problem; it is really about who owns the first call.' });
    await screen.getByLabel('Reflection').getByText(/who owns the first call/).waitFor();
    await shot('reflection');

    await send(fran, m, 'advance');
    await phase('Actions');
    await send(pat, m, 'addAction', { text: 'Draft a one-page first-call protocol with the duty manager' });
    await send(pat, m, 'addAction', { text: 'Raise referral ownership at the February locality meeting' });
    await screen.getByLabel('Actions').getByText('Raise referral ownership at the February locality meeting').waitFor();
    await screen.getByText('Actions committed: 2').waitFor();
    await shot('actions');

    await send(fran, m, 'goTo', { phase: 'process-review' });
    await phase('Process review');
    await screen.getByLabel('Process review prompts').getByText('What helped us today?').waitFor();
    await send(fran, m, 'rate', { rating: 4, onBehalfOf: ids.pat });
    await screen.getByText('Ratings given: 1 of 4').waitFor();
    await shot('process-review');

    await send(fran, m, 'advance');
    await phase('Check-out');
    await send(fran, m, 'checkOut', { text: 'Clearer', onBehalfOf: ids.pat });
    await send(fran, m, 'checkOut', { text: 'Grateful', onBehalfOf: ids.sam });
    await send(fran, m, 'checkOut', { text: 'Curious about first calls' });
    await screen.getByLabel('Check-out words').getByText('Curious about first calls').waitFor();
    await screen.getByText('Still to check out: Dana Whitcombe').waitFor();
    await shot('check-out');

    await send(fran, m, 'end');
    await phase('Ended');
    await screen.getByText('Thank you, everyone.').waitFor();
    await screen.getByText(/4 March 2031, 09:30 – 12:30/).waitFor();
    await screen.getByText('Room 2, Northfield Civic Centre').waitFor();
    await shot('ended');
  });
});
