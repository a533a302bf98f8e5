import { Client } from 'pg';
import type { EmbeddedDatabase } from '../src/database/embedded-postgres';

/** Drops the run's template and every test file's copy of it (or stops the run's embedded PostgreSQL). */
export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { __embeddedPostgres?: EmbeddedDatabase }).__embeddedPostgres;
  if (embedded) {
    await embedded.stop();
    return;
  }
  const admin = process.env.TEST_DATABASE_ADMIN_URL;
  const name = process.env.TEST_DATABASE_NAME;
  if (!admin || !name) return;
  const client = new Client({ connectionString: admin });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>(`SELECT "datname" FROM "pg_database" WHERE "datname" = $1 OR "datname" LIKE $2`, [name, `${name}\\_%`]);
  // Copies first: a template is not dropped while a copy is being made from it.
  for (const { datname } of rows.sort((a, b) => b.datname.length - a.datname.length)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await client.end();
}
