import { Client } from 'pg';
import { migrate } from '@api/database/migrate';
import { MIGRATIONS } from '@api/database/database.options';

/** Several API processes starting together on a new database: the migrations run once, in order, and nobody fails. */
describe('migrations under an advisory lock', () => {
  const admin = process.env.TEST_DATABASE_ADMIN_URL ?? process.env.TEST_DATABASE_URL!;
  const name = `als_migrate_${Date.now()}`;
  const url = (() => {
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${name}`;
    return u.toString();
  })();

  beforeAll(async () => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
  });
  afterAll(async () => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  });

  it('applies each migration once when three processes migrate at the same moment', async () => {
    const runs = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    expect(runs.flat().sort()).toEqual(MIGRATIONS.map((m) => new m().name).sort());
    expect(runs.filter((r) => r.length > 0)).toHaveLength(1);
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ name: string }>('SELECT "name" FROM "migrations" ORDER BY "id"');
    await client.end();
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => new m().name));
    expect(await migrate(url)).toEqual([]);
  });
});
