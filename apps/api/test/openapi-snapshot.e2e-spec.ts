import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request, startTestApp, TestApp } from './app';

const SNAPSHOT = join(__dirname, '../openapi.json');

/**
 * The committed OpenAPI document (apps/api/openapi.json) must match what the code serves, so a
 * route change shows up in the same diff. Refresh it with: UPDATE_OPENAPI=1 npm test -w @als/api
 */
describe('OpenAPI snapshot', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('matches the committed apps/api/openapi.json', async () => {
    const served = (await request(t.http).get('/api/docs-json').expect(200)).body as object;
    const text = `${JSON.stringify(served, null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(SNAPSHOT, text);
    expect(existsSync(SNAPSHOT)).toBe(true);
    expect(JSON.parse(readFileSync(SNAPSHOT, 'utf8'))).toEqual(served);
  });
});
