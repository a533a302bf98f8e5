import { jsonShapeProblem, MAX_JSON_DEPTH } from './json-shape';

const nested = (levels: number) => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`) as unknown;
const nestedObjects = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`) as unknown;

describe(jsonShapeProblem.name, () => {
  it('passes values up to 64 levels deep, and scalars', () => {
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH), 'The body')).toBeNull();
    expect(jsonShapeProblem(nestedObjects(MAX_JSON_DEPTH), 'The body')).toBeNull();
    expect(jsonShapeProblem({ name: 'A set', agenda: { present: 5 }, ids: ['a', 'b'] }, 'The body')).toBeNull();
    for (const value of [null, undefined, 'text', 42, true]) expect(jsonShapeProblem(value, 'The body')).toBeNull();
  });

  it('refuses 65 levels, of arrays or of objects, saying what is nested too deeply', () => {
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH + 1), 'The body')).toBe('The body is nested too deeply (more than 64 levels).');
    expect(jsonShapeProblem({ a: [1, { b: nestedObjects(MAX_JSON_DEPTH) }] }, 'The message')).toBe('The message is nested too deeply (more than 64 levels).');
  });

  it('walks a million levels without overflowing the stack', () => {
    expect(jsonShapeProblem(nested(1_000_000), 'The body')).toMatch(/nested too deeply/);
  });

  it('finds a deep branch beside many shallow ones', () => {
    expect(jsonShapeProblem({ wide: Array.from({ length: 10_000 }, (_, i) => ({ i })), deep: nested(100) }, 'The body')).toMatch(/nested too deeply/);
  });

  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])('refuses the key %s, at any level', (key) => {
    expect(jsonShapeProblem(JSON.parse(`{"${key}":{"isAdmin":true}}`), 'The body')).toBe(`${key} is not an accepted field`);
    expect(jsonShapeProblem(JSON.parse(`{"payload":[{"${key}":1}]}`), 'The body')).toBe(`${key} is not an accepted field`);
  });

  it('leaves the bytes of a raw body alone', () => {
    expect(jsonShapeProblem(Buffer.alloc(1024 * 1024), 'The body')).toBeNull();
  });
});
