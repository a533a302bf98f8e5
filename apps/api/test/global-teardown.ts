import { Client } from 'pg';
import type { EmbeddedDatabase } from '../src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { __embeddedPostgres?: EmbeddedDatabase }).__embeddedPostgres;
  if (embedded) {
    await embedded.stop();
    return;
  }
  const admin = process.env.TEST_DATABASE_ADMIN_URL;
  if (admin) {
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${process.env.TEST_DATABASE_NAME}" WITH (FORCE)`);
    await client.end();
  }
}
