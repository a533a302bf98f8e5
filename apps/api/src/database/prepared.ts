import type { Pool, PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Sends one of the statements the most-hit routes need as a named (prepared) statement, straight to
 * pg: PostgreSQL parses and plans it once per connection instead of on every request, and TypeORM's
 * query runner is not in the way. On a manager with a transaction under way, it goes on that
 * transaction's connection. `name` must always go with the same `text` (a name per statement).
 */
export async function prepared<T>(on: DataSource | EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const manager = on instanceof DataSource ? on.manager : on;
  const runner = manager.queryRunner;
  if (runner && !runner.isReleased) {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query({ name, text, values })).rows as T[];
  }
  return (await ((manager.connection.driver as PostgresDriver).master as Pool).query({ name, text, values })).rows as T[];
}
