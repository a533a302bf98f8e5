import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database.options';

/** The advisory lock key all API processes take to migrate (any constant shared by them). */
export const MIGRATION_LOCK = 7_640_000_001;

/**
 * Runs the pending migrations once, even when several API processes start together: each takes
 * a PostgreSQL advisory lock first, so one migrates while the others wait, then find nothing to do.
 */
export async function migrate(url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const source = new DataSource({ ...databaseOptions(url), extra: { max: 1 } });
    await source.initialize();
    try {
      return (await source.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await source.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}
