import { ROUND_ENTITIES } from '@api/rounds/round.entities';
import { startTestApp, type TestApp } from './app';

/** The round entities describe the tables the migrations made: TypeORM would change nothing in them. */
describe('round entities', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('match the round tables column for column, with their keys, unique constraints and indexes', async () => {
    const tables = ROUND_ENTITIES.map((entity) => t.db.getMetadata(entity).tableName);
    expect(tables).toEqual(['rounds', 'round_phases', 'round_participants', 'round_contributions', 'round_notifications']);
    const { upQueries } = await t.db.driver.createSchemaBuilder().log();
    // Foreign keys are the migrations' alone: like the other entities, these declare no relations.
    const touching = upQueries
      .map((q) => q.query)
      .filter((sql) => tables.some((table) => sql.includes(`"${table}"`)))
      .filter((sql) => !/DROP CONSTRAINT "FK_/.test(sql));
    expect(touching).toEqual([]);
  });
});
