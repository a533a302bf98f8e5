import type { Browser } from 'playwright-core';
import { ApiProcess, startApi } from './api-process';
import { launchChromium } from './browser';

/** What a browser test's describe block shares: one API process and one Chromium. */
export interface ApiAndChromium {
  readonly server: ApiProcess;
  readonly browser: Browser;
}

/**
 * Starts one API process (its own database) and one Chromium before the block's tests and stops
 * them after; read `server` and `browser` inside the tests (they exist once `beforeAll` has run).
 */
export function apiAndChromium(): ApiAndChromium {
  let server: ApiProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startApi();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: read it inside a test, after beforeAll`);
    return value;
  };
  return {
    get server() {
      return started(server, 'The API process');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
  };
}
