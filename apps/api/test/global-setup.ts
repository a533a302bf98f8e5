import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/**
 * One throwaway database for the run: in DATABASE_URL's server when given, else in an embedded
 * PostgreSQL of its own (never the default 5432, never the app's .data). Tests read TEST_DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  const name = `als_test_${Date.now()}_${process.pid}`;
  const given = process.env.DATABASE_URL;
  if (given) {
    const admin = new Client({ connectionString: given });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(given);
    url.pathname = `/${name}`;
    process.env.TEST_DATABASE_URL = url.toString();
    process.env.TEST_DATABASE_ADMIN_URL = given;
    process.env.TEST_DATABASE_NAME = name;
    return;
  }
  const dataDir = join(__dirname, '../../../.data/test-pg');
  rmSync(dataDir, { recursive: true, force: true });
  const port = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54339);
  const embedded = await startEmbeddedPostgres({ dataDir, port, database: name });
  process.env.TEST_DATABASE_URL = embedded.url;
  (globalThis as { __embeddedPostgres?: typeof embedded }).__embeddedPostgres = embedded;
}
