import type { DataSource } from 'typeorm';

export interface HeldLocks {
  /** How many backends wait behind these locks: directly, or behind one that waits on them. */
  waiting(): Promise<number>;
  /**
   * Resolves once `count` backends wait behind the locks, or once one of `unless` has settled (a
   * request the locks do not hold up, which has finished). Polls the server's lock table.
   */
  waitFor(count: number, unless?: Promise<unknown>[]): Promise<void>;
  /** Commits the holding transaction: everything that waited goes on. */
  release(): Promise<void>;
}

/**
 * A third connection that holds row locks while two requests race: the test starts the requests,
 * waits until they stand at the lock (read from pg_stat_activity), then lets them go together, so
 * a race that depends on timing is played the same way every run.
 */
export async function holdLocks(db: DataSource, statements: [sql: string, params: unknown[]][]): Promise<HeldLocks> {
  const runner = db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS "pid"')) as { pid: number }[];
  for (const [sql, params] of statements) await runner.query(sql, params);
  const waiting = async () => {
    const [{ n }] = (await db.query(
      `WITH RECURSIVE behind("pid") AS (
         SELECT a."pid" FROM pg_stat_activity a WHERE $1 = ANY(pg_blocking_pids(a."pid"))
         UNION
         SELECT a."pid" FROM pg_stat_activity a JOIN behind b ON b."pid" = ANY(pg_blocking_pids(a."pid")))
       SELECT count(*)::int AS "n" FROM behind`,
      [pid],
    )) as { n: number }[];
    return n;
  };
  return {
    waiting,
    async waitFor(count, unless = []) {
      let settled = false;
      for (const p of unless) void p.then(() => (settled = true), () => (settled = true));
      const deadline = Date.now() + 15_000;
      while (!settled && (await waiting()) < count) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${count} backends behind the held locks`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async release() {
      await runner.commitTransaction();
      await runner.release();
    },
  };
}
