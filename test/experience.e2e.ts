import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiProcess, startApi } from './support/api-process';
import { ARTIFACTS, launchChromium } from './support/browser';
import { call } from './support/call';
import { linkFromMail } from './support/mail';
import { passwordOf, setWithPeople } from './support/people';

/** axe-core's browser script (the package's own build), injected into each page. */
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical violations of WCAG 2.2 A and AA that axe finds on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations;
  }, WCAG_22_AA);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A browser context (CSP bypassed only so the test can inject axe), signed in as `key` when given. */
async function contextFor(browser: Browser, base: string, key?: string, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, viewport, bypassCSP: true });
  if (key) await context.request.post('/api/auth/login', { data: { email: `${key}@example.org`, password: passwordOf(key) } });
  return context;
}

describe('what people see (Chromium): home, live room on a phone, WCAG 2.2 AA on every page', () => {
  let server: ApiProcess;
  let browser: Browser;
  let base: string;
  let world: { tokens: Record<string, string>; setId: string; meetingId: string; roundId: string };

  beforeAll(async () => {
    server = await startApi();
    browser = await launchChromium();
    base = server.baseUrl;
    const { tokens, setId } = await setWithPeople(base, { fran: 'Fran Facilitator', pat: 'Pat Practitioner', sam: 'Sam Social Worker' }, { name: 'Hard cases in child protection', mode: 'blended' });
    // A meeting starting in five minutes (a session starting now), and a weekly series after it.
    const soon = new Date(Date.now() + 5 * 60_000).toISOString();
    const { id: meetingId } = await call<{ id: string }>(base, 'POST', `/sets/${setId}/meetings`, { startsAt: soon, durationMinutes: 120, format: 'online', videoUrl: 'https://meet.example.org/hard-cases', dialInNumbers: ['+44 20 3481 5237'], dialInPasscode: '482193#' }, tokens.fran);
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await call(base, 'POST', `/sets/${setId}/meetings`, { startsAt: `${nextWeek}T09:30`, durationMinutes: 180, format: 'in-person', location: 'Room 4, Civic Centre', recurrence: 'FREQ=WEEKLY;COUNT=4' }, tokens.fran);
    const { id: roundId } = await call<{ id: string }>(base, 'POST', `/sets/${setId}/rounds`, { title: 'A family, a decision', caseText: 'A decision I keep putting off, about a family I have known for a year.' }, tokens.fran);
    world = { tokens, setId, meetingId, roundId };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a member on the home page what is needed from them, before their sets', async () => {
    const context = await contextFor(browser, base, 'pat', { width: 1100, height: 1000 });
    const page = await context.newPage();
    await page.goto('/');
    const now = page.getByRole('region', { name: 'Starting now' });
    await now.getByRole('link', { name: 'Join the session of Hard cases in child protection' }).waitFor();
    const rounds = page.getByRole('region', { name: 'Rounds waiting for you' });
    await rounds.getByRole('link', { name: 'A family, a decision' }).waitFor();
    expect(await rounds.textContent()).toMatch(/Due by .* \(your time\)/);
    const replies = page.getByRole('region', { name: 'Replies to send' });
    expect(await replies.getByRole('button', { name: /^I will attend/ }).count()).toBe(4);
    await page.getByRole('region', { name: 'Next meetings' }).getByText('Room 4, Civic Centre').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'home-needed-from-me.png'), fullPage: true });
    await replies.getByRole('button', { name: /^I will attend/ }).first().click();
    await page.waitForFunction(() => document.querySelectorAll('[aria-labelledby="replies-title"] li').length === 3);
    expect(await page.getByRole('region', { name: 'Next meetings' }).textContent()).toContain('your reply: attending');
    await context.close();
  });

  it('keeps the phase and the timer in view on a phone (390×844), with a compact header, the call and the dial-in', async () => {
    // The facilitator runs the session from a phone (the longest page: the console); a member follows on a laptop.
    const phone = await (await contextFor(browser, base, 'fran', { width: 390, height: 844 })).newPage();
    await phone.goto(`/meetings/${world.meetingId}/live`);
    const sam = await (await contextFor(browser, base, 'sam')).newPage();
    await sam.goto(`/meetings/${world.meetingId}/live`);
    await phone.getByRole('heading', { level: 1, name: 'Hard cases in child protection: live session' }).waitFor();
    await phone.getByRole('link', { name: '+44 20 3481 5237' }).waitFor();
    await phone.getByRole('link', { name: /Join the video call/ }).waitFor();
    await sam.getByText('Waiting for the facilitator to start.').waitFor();
    await phone.getByRole('button', { name: 'Start the session' }).click();
    await phone.locator('.live-header__phase', { hasText: 'Check-in' }).waitFor();
    await sam.locator('.live-header__phase', { hasText: 'Check-in' }).waitFor();
    await phone.getByRole('timer').waitFor();
    // The site header is one row: the menu is behind a button.
    const topbar = await phone.locator('.topbar').boundingBox();
    expect(topbar!.height).toBeLessThan(70);
    await phone.screenshot({ path: join(ARTIFACTS, 'live-phone-top.png') });
    // Scrolled to the bottom of a page taller than the screen, the phase and the timer are still on screen, at the top.
    expect(await phone.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(844);
    await phone.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await phone.waitForFunction(() => window.scrollY > 0);
    const timer = await phone.getByRole('timer').boundingBox();
    expect(timer!.y).toBeGreaterThanOrEqual(0);
    expect(timer!.y + timer!.height).toBeLessThan(120);
    await phone.screenshot({ path: join(ARTIFACTS, 'live-phone-scrolled.png') });
    // The phase change was announced to screen readers, on both screens.
    await sam.locator('[aria-live="polite"][aria-atomic="true"]', { hasText: 'Now: Check-in' }).waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    expect(await seriousViolations(sam)).toEqual([]);
    const fran = phone;
    // The projector in a running session: axe finds nothing serious there either (its design is another change's).
    const projector = await (await contextFor(browser, base, 'fran', { width: 1920, height: 1080 })).newPage();
    await projector.goto(`/meetings/${world.meetingId}/projector`);
    await projector.getByRole('timer').waitFor();
    expect(await seriousViolations(projector)).toEqual([]);
    await fran.screenshot({ path: join(ARTIFACTS, 'live-phone-facilitator-full.png'), fullPage: true });
    await sam.screenshot({ path: join(ARTIFACTS, 'live-member-check-in.png'), fullPage: true });
  });

  it('finds no serious or critical WCAG 2.2 AA violation on any page, and no console error on signed-out pages', async () => {
    const { setId, meetingId, roundId } = world;
    const rsvp = (await linkFromMail(server.dataDir, 'pat@example.org', new RegExp(`Send an apology: ${base}/rsvp/[A-Za-z0-9_.-]+`))).replace('Send an apology: ', '');
    const signedOut = ['/sign-in', '/sign-up', '/forgot-password', rsvp.replace(base, ''), '/no-such-page'];
    const pages: [string | undefined, string][] = [
      ...signedOut.map((path): [undefined, string] => [undefined, path]),
      ['fran', '/'],
      ['fran', '/sets/new'],
      ...['', '/meetings', '/rounds', '/actions', '/people', '/evaluate'].map((section): [string, string] => ['fran', `/sets/${setId}${section}`]),
      ['fran', `/sets/${setId}/evaluation`],
      ['fran', `/meetings/${meetingId}`],
      ['fran', `/meetings/${meetingId}/projector`],
      ['fran', `/rounds/${roundId}`],
      ['fran', '/learning-log'],
      ['fran', '/account'],
      ['fran', '/credentials'],
      ['fran', '/organisations'],
      ['pat', '/'],
      ['pat', `/sets/${setId}`],
      ['pat', `/rounds/${roundId}`],
      ['pat', `/meetings/${meetingId}/live`],
    ];
    const failures: string[] = [];
    for (const [who, path] of pages) {
      const context = await contextFor(browser, base, who);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(path);
      await page.locator('h1, .projector p').first().waitFor();
      await page.waitForLoadState('networkidle');
      for (const violation of await seriousViolations(page)) failures.push(`${who ?? 'signed out'} ${path}: ${violation}`);
      if (who === 'fran' && path.startsWith(`/sets/${setId}`)) await page.screenshot({ path: join(ARTIFACTS, `set-section-${path.split('/')[3] ?? 'overview'}.png`), fullPage: true });
      if (!who && errors.length) failures.push(`signed out ${path}: console errors ${errors.join('; ')}`);
      await context.close();
    }
    expect(failures).toEqual([]);
  });

  it('loads at most 250 KB of JavaScript (compressed, as served) on the pages members open from e-mails on a phone', async () => {
    const rsvp = (await linkFromMail(server.dataDir, 'pat@example.org', new RegExp(`I'll be there: ${base}/rsvp/[A-Za-z0-9_.-]+`))).replace("I'll be there: ", '').replace(base, '');
    for (const [who, path] of [['pat', `/rounds/${world.roundId}`], [undefined, rsvp], [undefined, '/report-back/a-report-back-token']] as [string | undefined, string][]) {
      const page = await (await contextFor(browser, base, who, { width: 390, height: 844 })).newPage();
      await page.goto(path);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const bytes = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => new URL(e.name).pathname.endsWith('.js'))
          .reduce((sum, e) => sum + (e as PerformanceResourceTiming).encodedBodySize, 0),
      );
      expect({ path, kb: Math.round(bytes / 1024) }).toEqual({ path, kb: expect.any(Number) });
      expect(bytes).toBeGreaterThan(10_000);
      expect(bytes).toBeLessThanOrEqual(250 * 1024);
    }
  });

  it('moves focus to the new page’s heading on navigation', async () => {
    const page = await (await contextFor(browser, base, 'fran')).newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await page.getByRole('link', { name: 'Learning log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Learning log' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'page-title');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Learning log');
  });
});
