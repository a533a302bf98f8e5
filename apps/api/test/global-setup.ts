import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/**
 * The run's PostgreSQL: DATABASE_URL's server when given, else an embedded PostgreSQL of its own
 * (never the default 5432, never the app's .data). One database made here is the template, migrated
 * by the first test file that needs it: each test file gets a copy of its own (test/app.ts), so what
 * one file leaves behind (mail in the outbox, rounds a sweep would move) never reaches another. Tests read
 * TEST_DATABASE_URL (the template's address, for tests that make databases of their own) and
 * TEST_DATABASE_ADMIN_URL (a database to connect to for CREATE DATABASE).
 */
export default async function globalSetup(): Promise<void> {
  const name = `als_test_${Date.now()}_${process.pid}`;
  const given = process.env.DATABASE_URL;
  let admin: string;
  if (given) {
    const client = new Client({ connectionString: given });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    admin = given;
  } else {
    const dataDir = join(__dirname, '../../../.data/test-pg');
    rmSync(dataDir, { recursive: true, force: true });
    const port = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54339);
    const embedded = await startEmbeddedPostgres({ dataDir, port, database: name });
    (globalThis as { __embeddedPostgres?: typeof embedded }).__embeddedPostgres = embedded;
    admin = withDatabase(embedded.url, 'postgres');
  }
  process.env.TEST_DATABASE_URL = withDatabase(admin, name);
  process.env.TEST_DATABASE_ADMIN_URL = admin;
  process.env.TEST_DATABASE_NAME = name;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
