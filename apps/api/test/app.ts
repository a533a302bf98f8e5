import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { createApp } from '@api/bootstrap';
import { migrate } from '@api/database/migrate';
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
  const app = await createApp(config, await databaseOfThisFile(), options);
  await app.init();
  return {
    app,
    http: app.getHttpServer() as App,
    db: app.get(DataSource),
    mailDir: config.mailDir,
    close: () => app.close(),
  };
}

const copies = new Map<string, Promise<string>>();

/**
 * The database of the running test file: a copy of the run's template (global-setup), migrated,
 * made the first time the file starts an app, so every app of one file (two processes racing, say)
 * shares it and no other file sees its rows.
 */
export function databaseOfThisFile(): Promise<string> {
  const template = process.env.TEST_DATABASE_NAME;
  const templateUrl = process.env.TEST_DATABASE_URL;
  const admin = process.env.TEST_DATABASE_ADMIN_URL;
  if (!template || !templateUrl || !admin) throw new Error('TEST_DATABASE_NAME is not set: run the tests through jest (global-setup)');
  const file = expect.getState().testPath ?? 'unknown';
  const name = `${template}_${createHash('sha1').update(file).digest('hex').slice(0, 10)}`;
  let copy = copies.get(name);
  if (!copy) {
    copy = (async () => {
      // The first file migrates the template (later ones find nothing to do); migrate() closes its connections, as a template needs.
      await migrate(templateUrl);
      const client = new Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      } finally {
        await client.end();
      }
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    })();
    copies.set(name, copy);
  }
  return copy;
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
