import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { SessionRecordResponse } from '@als/shared';
import { ApiProcess, freePort, startApi } from './support/api-process';
import { launchChromium } from './support/browser';
import { call } from './support/call';
import { startDatabase } from './support/database';
import { setWithPeople, signedInPage } from './support/people';
import { writeBurstWav } from './support/wav';

/** Every RTCPeerConnection a page makes, kept for the test to read its statistics. */
const KEEP_PEERS = `(() => {
  const Original = window.RTCPeerConnection;
  window.__peers = [];
  window.RTCPeerConnection = function (...args) { const pc = new Original(...args); window.__peers.push(pc); return pc; };
  window.RTCPeerConnection.prototype = Original.prototype;
})();`;

/** Audio bytes received on each open connection of a page. */
async function inboundAudio(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers.filter((pc) => pc.connectionState !== 'closed');
    const bytes: number[] = [];
    for (const pc of peers) {
      let total = 0;
      (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'audio') total += r.bytesReceived ?? 0;
      });
      bytes.push(total);
    }
    return bytes;
  });
}

/** Waits (polling, generously: a loaded 2-core machine) until `check` holds. */
async function until(check: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** CONTRACT.md "The set's own call": three Chromiums with fake microphones, each playing its own file. */
describe('the set\'s own call in three browsers (Chromium, fake microphones)', () => {
  const browsers: Browser[] = [];
  let api: ApiProcess | null = null;
  let db: { url: string; stop(): Promise<void> } | null = null;
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await api?.stop();
    await db?.stop();
  });

  it('connects everyone, carries audio, measures each voice within 20 %, lets a leaver go within 5 s, and survives a restart of the API', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'als-e2e-call-'));
    chmodSync(dataDir, 0o755);
    db = await startDatabase(join(dataDir, 'db'), await freePort());
    const env = { DATABASE_URL: db.url, JWT_SECRET: 'call-test-secret-call-test-secret-0123456789', LIVE_RATE_LIMIT: '0' };
    api = await startApi({ env });
    const base = api.baseUrl;
    const port = Number(new URL(base).port);
    const people = { fran: 'Fran Facilitator', pat: 'Pat Presenter', sam: 'Sam Questioner' } as const;
    const keys = Object.keys(people) as (keyof typeof people)[];
    const { tokens, setId } = await setWithPeople(base, people, { name: 'Call set', mode: 'virtual' });
    const ids: Record<string, string> = {};
    for (const key of keys) ids[key] = (await call<{ id: string }>(base, 'GET', '/me', undefined, tokens[key])).id;
    const meeting = await call<{ id: string }>(base, 'POST', `/sets/${setId}/meetings`, { startsAt: '2031-02-04T09:30', durationMinutes: 180, format: 'online', videoUrl: 'https://meet.example.org/call' }, tokens.fran);

    // Each person's microphone plays a file of its own: voiced 50 %, 30 % and 70 % of the time.
    const files = { fran: { periodMs: 2000, voicedMs: 1000, baseHz: 200 }, pat: { periodMs: 2000, voicedMs: 600, baseHz: 260 }, sam: { periodMs: 2000, voicedMs: 1400, baseHz: 160 } };
    const share: Record<string, number> = {};
    const pages: Record<string, Page> = {};
    for (const key of keys) {
      const wav = join(dataDir, `${key}.wav`);
      share[key] = writeBurstWav(wav, { ...files[key], periods: 5 });
      const browser = await launchChromium(undefined, ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`, '--autoplay-policy=no-user-gesture-required']);
      browsers.push(browser);
      const page = await signedInPage(browser, base, key);
      await page.addInitScript(KEEP_PEERS);
      await page.goto(`/meetings/${meeting.id}/live`);
      pages[key] = page;
    }
    await pages.fran.getByRole('button', { name: 'Start the session' }).click();
    for (const key of keys) await pages[key].locator('.live-header__phase', { hasText: 'Check-in and report-back' }).waitFor({ timeout: 60_000 });

    const joinedAt: Record<string, number> = {};
    for (const key of keys) {
      await pages[key].getByRole('button', { name: 'Join the call' }).click();
      await pages[key].getByRole('button', { name: 'Leave the call' }).waitFor({ timeout: 60_000 });
      joinedAt[key] = Date.now();
    }
    // Everyone sees everyone else in the call, connected.
    for (const key of keys) {
      for (const other of keys.filter((k) => k !== key)) await pages[key].locator(`[data-user="${ids[other]}"]`, { hasText: 'in the call' }).waitFor({ timeout: 60_000 });
    }
    // Each hears the others: inbound audio on both of its connections, growing.
    const heard = async () => Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await inboundAudio(pages[k])] as const)));
    const first = await heard();
    await until(async () => {
      const now = await heard();
      return keys.every((k) => now[k].length === 2 && now[k].every((b, i) => b > (first[k][i] ?? 0) && b > 0));
    }, 'inbound audio growing in every browser');
    for (const key of keys) await pages[key].locator('.call__person--speaking').first().waitFor({ timeout: 30_000 });
    if (process.env.CALL_SHOTS) await pages.fran.screenshot({ path: join(process.env.CALL_SHOTS, 'call-fran.png'), fullPage: true });

    // The API restarts mid-call: the browsers reconnect, join the call again, and audio goes on.
    await api.stop();
    api = await startApi({ env, dataDir: api.dataDir, port });
    for (const key of keys) await pages[key].getByText('Reconnecting…').waitFor({ state: 'detached', timeout: 90_000 });
    const afterRestart = await heard();
    await until(async () => {
      const now = await heard();
      return keys.every((k) => now[k].length === 2 && now[k].every((b, i) => b > afterRestart[k][i]));
    }, 'inbound audio still growing after the restart');

    // Speak for a while (the measured time, not a synchronisation).
    await until(async () => keys.every((k) => Date.now() - joinedAt[k] >= 24_000), '24 s in the call', 120_000);

    // Sam leaves: gone from the others' call within 5 s.
    await pages.sam.getByRole('button', { name: 'Leave the call' }).click();
    const leftAt: Record<string, number> = { sam: Date.now() };
    for (const key of ['fran', 'pat'] as const) {
      await pages[key].locator(`[data-user="${ids.sam}"]`, { hasText: 'in the call' }).waitFor({ state: 'detached', timeout: 5_000 });
      // Told by the restarted API (the call's signalling recovered), not only noticed on the connection.
      await pages[key].locator('.call [role="status"]', { hasText: 'Sam Questioner left the call.' }).waitFor({ state: 'attached', timeout: Math.max(1, 5_000 - (Date.now() - leftAt.sam)) });
    }
    for (const key of ['fran', 'pat'] as const) {
      await pages[key].getByRole('button', { name: 'Leave the call' }).click();
      leftAt[key] = Date.now();
      await pages[key].getByRole('button', { name: 'Join the call' }).waitFor();
    }

    // Voice airtime: within 20 % of the speech each file held over the time in the call.
    const voice = await (async () => {
      let record: SessionRecordResponse | null = null;
      await until(async () => {
        record = await call<SessionRecordResponse>(api!.baseUrl, 'GET', `/meetings/${meeting.id}/record`, undefined, tokens.fran);
        return record.airtime.voice.length === 3;
      }, 'three people\'s voice airtime in the record');
      return record!.airtime.voice;
    })();
    const figures = keys.map((key) => {
      const expected = share[key] * (leftAt[key] - joinedAt[key]);
      const measured = voice.find((v) => v.userId === ids[key])?.ms ?? 0;
      return { key, expected: Math.round(expected), measured, error: Math.round((Math.abs(measured - expected) / expected) * 1000) / 1000 };
    });
    process.stderr.write(`Voice airtime, measured against the speech in each file: ${JSON.stringify(figures)}\n`);
    for (const f of figures) expect({ key: f.key, within20: f.error <= 0.2 }).toEqual({ key: f.key, within20: true });
  });
});
