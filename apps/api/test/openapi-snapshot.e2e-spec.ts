import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import type { OpenAPIV3 } from 'openapi-types';
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

  it('is a valid OpenAPI document (@readme/openapi-parser), every path parameter declared, ids as uuids', async () => {
    const served = (await request(t.http).get('/api/docs-json').expect(200)).body as OpenAPIV3.Document;
    // The validator dereferences the document it is given: it gets a copy.
    const result = await validate(structuredClone(served) as Parameters<typeof validate>[0]);
    expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid');
    const undeclared: string[] = [];
    for (const [path, item] of Object.entries(served.paths)) {
      for (const [method, op] of Object.entries(item ?? {}) as [string, OpenAPIV3.OperationObject][]) {
        const declared = new Map(((op.parameters ?? []) as OpenAPIV3.ParameterObject[]).filter((p) => p.in === 'path').map((p) => [p.name, p.schema as OpenAPIV3.SchemaObject | undefined]));
        for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
          if (!declared.has(name)) undeclared.push(`${method.toUpperCase()} ${path}: {${name}}`);
          else if (name.endsWith('Id') && declared.get(name)?.format !== 'uuid') undeclared.push(`${method.toUpperCase()} ${path}: {${name}} is not declared as a uuid`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });
});
