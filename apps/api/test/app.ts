import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { createApp } from '@api/bootstrap';
import { loadConfig } from '@api/config/app-config';
import type { Clock } from '@api/common/clock';

/** For tests that move a TestClock by weeks or months: the people they signed in stay signed in (sessions end on the clock too). */
export const LONG_SESSIONS = { ACCESS_TOKEN_TTL_SECONDS: String(10 * 365 * 24 * 3600) } as const;

export interface TestApp {
  app: INestApplication;
  http: App;
  db: DataSource;
  mailDir: string;
  close(): Promise<void>;
}

/**
 * The whole API on the run's real PostgreSQL (migrations applied on start), mail written to a temp
 * folder. Give `clock` (a TestClock) to move the API's time.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'als-api-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    // One for the whole run: the issuer key in the shared test database was encrypted with it.
    CREDENTIALS_KEY: 'test-credentials-key-test-credentials-key-0123',
    AUTH_RATE_LIMIT: '0',
    WEB_DIST_DIR: '',
    PUBLIC_URL: 'http://app.test',
    MAIL_DOMAIN: 'mail.app.test',
    JOBS_ENABLED: 'false',
    ...env,
  });
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (global-setup)');
  const app = await createApp(config, databaseUrl, options);
  await app.init();
  return {
    app,
    http: app.getHttpServer() as App,
    db: app.get(DataSource),
    mailDir: config.mailDir,
    close: () => app.close(),
  };
}

/** The .eml files written so far, oldest first, as text. */
export function readMails(mailDir: string): string[] {
  let files: string[];
  try {
    files = readdirSync(mailDir).filter((f) => f.endsWith('.eml')).sort();
  } catch {
    return [];
  }
  return files.map((f) => readFileSync(join(mailDir, f), 'utf8'));
}

export { request };
