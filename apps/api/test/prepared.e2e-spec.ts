import { DataSource } from 'typeorm';
import { prepared } from '@api/database/prepared';
import { startTestApp, TestApp } from './app';

/** The hot reads' named statements (database/prepared.ts) on the real PostgreSQL. */
describe('prepared statements', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.db.query(`CREATE TABLE IF NOT EXISTS "prepared_scratch" ("a" int)`);
    await t.db.query(`INSERT INTO "prepared_scratch" ("a") VALUES (1)`);
  });
  afterAll(async () => {
    await t.db.query(`DROP TABLE IF EXISTS "prepared_scratch"`);
    await t.close();
  });

  it('answers rows as TypeORM would, outside and inside a transaction', async () => {
    const db = t.app.get(DataSource);
    expect(await prepared(db, 'scratch-plain', `SELECT "a", now() AS "at" FROM "prepared_scratch" WHERE "a" = $1`, [1])).toEqual([{ a: 1, at: expect.any(Date) }]);
    await db.transaction(async (manager) => {
      await manager.query(`INSERT INTO "prepared_scratch" ("a") VALUES (2)`);
      // The transaction's own connection: it sees its uncommitted row.
      expect(await prepared(manager, 'scratch-plain', `SELECT "a", now() AS "at" FROM "prepared_scratch" WHERE "a" = $1`, [2])).toHaveLength(1);
      await manager.query(`DELETE FROM "prepared_scratch" WHERE "a" = 2`);
    });
  });

  it('keeps working when a table it reads with * changes shape under a prepared plan (another process migrating)', async () => {
    const db = t.app.get(DataSource);
    // One request at a time: the pool hands out the connection used last, where the statement is prepared.
    expect(await prepared(db, 'scratch-star', `SELECT * FROM "prepared_scratch" ORDER BY "a"`, [])).toEqual([{ a: 1 }]);
    await db.query(`ALTER TABLE "prepared_scratch" ADD COLUMN "b" text DEFAULT 'x'`);
    expect(await prepared(db, 'scratch-star', `SELECT * FROM "prepared_scratch" ORDER BY "a"`, [])).toEqual([{ a: 1, b: 'x' }]);
  });
});
