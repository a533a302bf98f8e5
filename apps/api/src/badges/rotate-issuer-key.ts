import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { SystemClock } from '@api/common/clock';
import { ConfigError, loadConfig } from '@api/config/app-config';
import { databaseOptions } from '@api/database/database.options';
import { IssuerService } from './issuer.service';

/**
 * `npm run credentials:rotate-key`: retires the issuer's active key and makes a new one, with the
 * API's own configuration (DATABASE_URL, or the embedded database of a running `npm start`, and
 * CREDENTIALS_KEY). Running API processes sign with the new key from their next credential; what
 * the old key signed stays verifiable. Prints the new key and the issuer's DID.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // The embedded database's address as embedded-postgres.ts starts it (it must be running: npm start).
  const url = config.DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${config.EMBEDDED_PG_PORT}/action_learning`;
  const db = new DataSource({ ...databaseOptions(url), migrationsRun: false });
  await db.initialize();
  try {
    const issuer = new IssuerService(db, config, new SystemClock());
    await issuer.activeKey(); // fails clearly if CREDENTIALS_KEY is not the one the key was made with
    const key = await issuer.rotate();
    process.stdout.write(`New issuer key ${key}; issuer ${issuer.didFor(key)}. Earlier credentials stay verifiable.\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
