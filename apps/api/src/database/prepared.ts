import type { Pool, PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Moves on when PostgreSQL finds a prepared statement's plan no longer fits its tables (a migration
 * run by another process changed a table read with `*`): every statement is then prepared afresh,
 * under a new name, on each connection.
 */
let version = 0;

/** PostgreSQL's answer to a prepared statement whose table changed shape under it. */
function isStalePlan(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '0A000' && /cached plan must not change result type/.test(String((error as { message?: unknown }).message));
}

/**
 * Sends one of the statements the most-hit routes need as a named (prepared) statement, straight to
 * pg: PostgreSQL parses and plans it once per connection instead of on every request, and TypeORM's
 * query runner is not in the way. On a manager with a transaction under way, it goes on that
 * transaction's connection. `name` must always go with the same `text` (a name per statement).
 * A statement that reads a table with `*` belongs outside transactions: there, a plan gone stale
 * under a migration is prepared again at once, where in a transaction the error would abort it.
 */
export async function prepared<T>(on: DataSource | EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const manager = on instanceof DataSource ? on.manager : on;
  const runner = manager.queryRunner;
  const inTransaction = Boolean(runner && !runner.isReleased);
  const client = inTransaction ? ((await runner!.connect()) as PoolClient) : ((manager.connection.driver as PostgresDriver).master as Pool);
  const seen = version;
  try {
    return (await client.query({ name: `${name}.${seen}`, text, values })).rows as T[];
  } catch (error) {
    if (inTransaction || !isStalePlan(error)) throw error;
    if (version === seen) version++;
    return (await client.query({ name: `${name}.${version}`, text, values })).rows as T[];
  }
}
