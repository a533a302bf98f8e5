import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import type { MeResponse, MeetingResponse, RoundDetailResponse } from '@als/shared';
import { UNSTORABLE } from '@api/common/all-exceptions.filter';
import { SignedLinks } from '@api/common/signed-links';
import { OutboxService } from '@api/mail/outbox.service';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, invite, registerUser, TestUser } from './factories';

/*
 * Property-based fuzzing of every operation of the live OpenAPI document (CONTRACT.md, "Bad input,
 * everywhere"). Each generated request is invalid by construction: it carries at least one
 * "poison" (a hostile body, path parameter or query, or no valid credentials on a route that needs
 * them), while everything else in it is as plausible as the document allows, so that it is the
 * poison that must be refused. For every operation, whoever added it:
 *   - never a 5xx, always a 4xx with the contract's body { statusCode, error, message }, and
 *     never because PostgreSQL refused a value (validation must refuse it first);
 *   - nothing written: every table of the database is the same before and after;
 *   - and the server is still up at the end.
 * Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> (FUZZ_RUNS=<n> per operation).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 1_764_800_013);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

type Schema = OpenAPIV3.SchemaObject & { $ref?: string };
type Identity = 'anonymous' | 'garbage-token' | 'member' | 'facilitator';
interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  /** The JSON body's schema (references resolved), when the operation takes JSON. */
  body: Schema | null;
  secured: boolean;
}
interface HostileRequest {
  identity: Identity;
  token?: string;
  /** The path with its parameters filled in and encoded. */
  url: string;
  /** Raw JSON text, or null for none. */
  body: string | null;
  /** What makes this request invalid, for the report. */
  poison: string;
}

/** What no text field accepts: C0 controls (tab, line feed and carriage return may be in texts of several lines) and half a surrogate pair. */
const FORBIDDEN_CONTROLS = [...[...Array(32).keys()].filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d).map((c) => String.fromCharCode(c)), '\ud800', '\udfff'];
/** Dates outside the years 1900–2200 (CONTRACT.md), in the shapes people and programs send. */
const FAR_DATES = ['1899-12-31', '2201-01-01', '9999-12-31', '0000-01-01', '1066-10-14', '+010000-01-01', '-000001-01-01', '275760-09-13'];
const FAR_DATE_TIMES = ['1899-12-31T23:59:59Z', '2201-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '0001-01-01T00:00', '+010000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z'];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];
/** Unicode a parser or a database may trip on; each may be valid text, so these are fillers, never the poison. */
const UNICODE_EDGES = ['', ' ', '\u200b', '\u202e', '\ufeff', '\ud800', '\udfff', 'e\u0301', '👩‍👩‍👧', '\u2028', 'Ω≈ç√∫', '\uffff', '\u{10ffff}', '𝕏'.repeat(50), 'ا'.repeat(20)];
const NASTY_STRINGS = ['<script>alert(1)</script>', "' OR 1=1 --", '${7*7}', '{{7*7}}', '%00', '../../etc/passwd', 'NaN', 'Infinity', '-1', '1e400', 'null', 'undefined', 'true', '[object Object]', '=HYPERLINK("http://evil","x")'];
/** Path segments that can never name a real object; some are raw (already percent-encoded, some malformed). */
const HOSTILE_SEGMENTS: { raw: boolean; value: string }[] = [
  ...['%00', '%0d%0a', '%E0%A4%A', '%', '%ZZ', '%C0%AE', '%2e%2e', '%ED%A0%80'].map((value) => ({ raw: true, value })),
  ...['__proto__', 'constructor', 'prototype', '-1', '0', '1e400', '99999999999999999999999', "'; DROP TABLE users; --", '------------------------------------', '00000000-0000-0000-0000-000000000000', 'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ', 'x'.repeat(3000), '\u202e', 'NaN', 'null', '{}', 'true', ' ', '..', '.'].map((value) => ({ raw: false, value })),
];

/** Percent-encodes a path segment or query value; lone surrogates become invalid UTF-8 bytes (the server must cope). */
function encode(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += `%ED%${(0xa0 | ((code >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`;
    else out += encodeURIComponent(char).replace(/\./g, '%2E').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return out;
}

const json = (value: unknown) => JSON.stringify(value);
/** `levels` containers inside each other, as JSON text (arrays or objects). */
const nestedJson = (levels: number, objects: boolean) => (objects ? `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}` : `${'['.repeat(levels)}${']'.repeat(levels)}`);
/** An object as JSON text from [key, JSON text] pairs: keys such as __proto__ stay plain keys. */
const objectText = (entries: [string, string][]) => `{${entries.map(([k, v]) => `${json(k)}:${v}`).join(',')}}`;

const textWithControl = fc.tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...FORBIDDEN_CONTROLS), fc.string({ maxLength: 12 })).map(([a, c, b]) => `${a}${c}${b}`);
const fillerText = fc.oneof(fc.constantFrom(...UNICODE_EDGES, ...NASTY_STRINGS), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
const anyJsonText = fc.oneof(fc.jsonValue({ maxDepth: 3 }).map(json), fillerText.map(json), fc.constantFrom('1e308', '-1e308', '9007199254740993', '-0', '0.1', 'true', 'null', '[]', '{}'));

function typeOf(schema: Schema): string {
  if (schema.$ref || schema.properties || schema.allOf || schema.oneOf) return 'object';
  if (schema.enum) return 'enum';
  return schema.type ?? 'any';
}

/** A value the document says is acceptable (its example, an enum value, a value of the format), as JSON text. */
function plausible(name: string, schema: Schema): fc.Arbitrary<string> {
  if (schema.example !== undefined) return fc.constant(json(schema.example));
  if (schema.enum) return fc.constantFrom(...schema.enum.map(json));
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid().map(json);
      if (schema.format === 'date-time') return fc.constant(json('2031-05-06T09:30:00Z'));
      if (schema.format === 'date') return fc.constant(json('2031-05-06'));
      if (/email/i.test(name)) return fc.constant(json('someone@example.org'));
      if (/url/i.test(name)) return fc.constant(json('https://meet.example.org/x'));
      if (/zone/i.test(name)) return fc.constant(json('Europe/London'));
      return fc.oneof({ weight: 4, arbitrary: fc.constant(json(`Plausible ${name}`)) }, { weight: 1, arbitrary: fillerText.map(json) });
    case 'integer':
    case 'number':
      return fc.integer({ min: Math.ceil(schema.minimum ?? 1), max: Math.floor(schema.maximum ?? 5) }).map(json);
    case 'boolean':
      return fc.constant('true');
    case 'array':
      return fc.constant('[]');
    case 'object':
    case undefined:
      return fc.constant('{}');
  }
}

/** A value of the wrong type for the property, or outside its declared bounds: never acceptable. */
function wrong(schema: Schema, required: boolean): fc.Arbitrary<string> {
  const kinds: string[] = [];
  switch (typeOf(schema)) {
    case 'string':
    case 'enum':
      kinds.push('42', 'true', '{}', '[]', '["a"]', '{"$ne":""}');
      break;
    case 'integer':
    case 'number':
      kinds.push('"abc"', '"NaN"', '"Infinity"', '"1e400"', '{}', '[1,2]', '"1\\u00002"');
      if (schema.maximum !== undefined) kinds.push(String(schema.maximum + 1), '1e308');
      if (schema.minimum !== undefined) kinds.push(String(schema.minimum - 1), '-1e308');
      break;
    case 'boolean':
      kinds.push('"true"', '1', '0', '"yes"', '{}', '[]');
      break;
    case 'array':
      kinds.push('{}', '"a"', '1', '{"0":"a","length":1}');
      break;
    case 'object':
      kinds.push('"a"', '1', 'true', '[]', '[{}]');
      break;
    default:
      return fc.constant(nestedJson(100, false));
  }
  if (required) kinds.push('null');
  if (schema.maxLength !== undefined && schema.maxLength < 90_000) kinds.push(json('x'.repeat(schema.maxLength + 1)));
  if (schema.format === 'date') kinds.push(...FAR_DATES.map(json));
  if (schema.format === 'date-time') kinds.push(...FAR_DATE_TIMES.map(json));
  return fc.constantFrom(...kinds);
}

/** A JSON body that the operation must refuse: plausible apart from at least one poison. */
function hostileBody(schema: Schema): fc.Arbitrary<{ body: string; poison: string }> {
  const properties = Object.entries(schema.properties ?? {}) as [string, Schema][];
  const required = new Set(schema.required ?? []);
  const names = properties.map(([name]) => name);
  const base = fc.tuple(...properties.map(([name, property]) => fc.option(plausible(name, property), { nil: undefined, freq: required.has(name) ? 20 : 2 })));
  const toEntries = (values: (string | undefined)[]) => properties.flatMap(([name], i) => (values[i] === undefined ? [] : [[name, values[i]!] as [string, string]]));
  const with_ = (values: (string | undefined)[], name: string, value: string) => [...toEntries(values).filter(([k]) => k !== name), [name, value] as [string, string]];

  const poisons: fc.Arbitrary<{ body: string; poison: string }>[] = [
    // A field nobody declared (prototype keys among them): unknown fields are refused.
    fc.tuple(base, fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, '', '\u0000', 'isAdmin', 'role ', 'id', 'createdAt'), fc.string({ minLength: 1, maxLength: 20 })).filter((key) => !names.includes(key)), anyJsonText).map(([values, key, value]) => ({
      body: objectText([...toEntries(values), [key, value]]),
      poison: `unknown field ${json(key)}`,
    })),
    // Nested deeper than 64 levels, anywhere.
    fc.tuple(base, fc.constantFrom(...names, 'deep'), fc.integer({ min: 64, max: 3000 }), fc.boolean()).map(([values, name, levels, objects]) => ({
      body: objectText(with_(values, name, nestedJson(levels, objects))),
      poison: `${name} nested ${levels + 1} levels deep`,
    })),
    // Not a JSON object at all.
    fc.constantFrom('[{}]', '"text"', '42', 'null', 'true', '{', '{"a":', '\u0000', '{"a":1}}').map((body) => ({ body, poison: `body ${json(body)}` })),
  ];
  const texts = properties.filter(([, p]) => typeOf(p) === 'string' || typeOf(p) === 'enum').map(([name]) => name);
  if (texts.length) {
    poisons.push(
      fc.tuple(base, fc.constantFrom(...texts), textWithControl).map(([values, name, text]) => ({
        body: objectText(with_(values, name, json(text))),
        poison: `${name} with control character ${json(text)}`,
      })),
    );
  }
  if (properties.length) {
    poisons.push(
      fc
        .tuple(base, fc.constantFrom(...properties))
        .chain(([values, [name, property]]) => wrong(property, required.has(name)).map((value) => ({ body: objectText(with_(values, name, value)), poison: `${name} = ${value.slice(0, 60)}` }))),
    );
  }
  if (required.size) {
    poisons.push(
      fc.tuple(base, fc.constantFrom(...required)).map(([values, name]) => ({
        body: objectText(toEntries(values).filter(([k]) => k !== name)),
        poison: `without required ${name}`,
      })),
    );
  }
  return fc.oneof(...poisons);
}

/** A query value an operation declared must refuse. */
function hostileQueryValue(schema: Schema): fc.Arbitrary<string[]> {
  const values: fc.Arbitrary<string[]>[] = [textWithControl.map((v) => [v]), fc.tuple(textWithControl, fc.string({ maxLength: 5 })).map(([a, b]) => [a, b])];
  if (schema.enum) values.push(fc.constantFrom('not-one-of-them', 'OPEN', ' ', '').map((v) => [v]));
  if (schema.format === 'date' || schema.format === 'date-time') values.push(fc.constantFrom(...FAR_DATES, ...FAR_DATE_TIMES, 'soon', '2026-02-30').map((v) => [v]));
  if (schema.type === 'integer' || schema.type === 'number') values.push(fc.constantFrom('abc', 'NaN', 'Infinity', '1e400', '-1', '0.5', '99999999999999999999').map((v) => [v]));
  return fc.oneof(...values);
}

describe('fuzzing every operation of the OpenAPI document with hostile input', () => {
  let t: TestApp;
  let doc: OpenAPIV3.Document;
  let fran: TestUser;
  let pat: TestUser;
  /** Real ids and tokens for path parameters, so that a request passes its guards and reaches its validation. */
  const real: Record<string, string> = {};

  const resolve = (schema: Schema | OpenAPIV3.ReferenceObject | undefined): Schema | null => {
    if (!schema) return null;
    if ('$ref' in schema && schema.$ref) return resolve(doc.components!.schemas![schema.$ref.replace('#/components/schemas/', '')] as Schema);
    const own = schema as Schema;
    if (!own.allOf) return own;
    const parts = own.allOf.map((part) => resolve(part as Schema)!);
    return { type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties ?? {}), own.properties ?? {}), required: parts.flatMap((p) => p.required ?? []).concat(own.required ?? []) };
  };

  function operations(): Operation[] {
    const found: Operation[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
        const op = item?.[method];
        if (!op) continue;
        const parameters = (op.parameters ?? []) as OpenAPIV3.ParameterObject[];
        const content = (op.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content;
        found.push({
          method,
          path,
          // From the path itself, so that an undeclared parameter is fuzzed all the same.
          pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
          query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: (p.schema ?? {}) as Schema })),
          body: content?.['application/json'] ? resolve(content['application/json'].schema as Schema) : null,
          secured: (op.security ?? doc.security ?? []).some((requirement) => Object.keys(requirement).length > 0),
        });
      }
    }
    return found;
  }

  function realParam(op: Operation, name: string): string {
    return real[`${op.path.split('/')[2]}:${name}`] ?? real[name] ?? '7b0f3a52-2f1e-4c55-9a3a-6d3f4e2b1c00';
  }

  /** Every generated request of an operation, each invalid in at least one way. */
  function hostileRequests(op: Operation): fc.Arbitrary<HostileRequest> | null {
    const signedIn = fc.constantFrom<Identity>('member', 'facilitator', 'facilitator', 'member', 'anonymous');
    const fill = (params: Record<string, string>) => op.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? encode(realParam(op, name)));
    const plainBody = op.body ? hostileBody(op.body).map((b) => b.body) : fc.constant(null);
    const junkQuery = fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fillerText).map(([k, v]) => `?${encode(k)}=${encode(v)}`), { nil: '' });
    const plausibleBody = op.body ? fc.tuple(...Object.entries(op.body.properties ?? {}).map(([name, p]) => plausible(name, p as Schema).map((v) => [name, v] as [string, string]))).map(objectText) : fc.constant(null);
    const sources: fc.Arbitrary<HostileRequest>[] = [];
    if (op.body) {
      sources.push(fc.tuple(signedIn, hostileBody(op.body), junkQuery).map(([identity, { body, poison }, query]) => ({ identity, url: `${fill({})}${query}`, body, poison })));
    }
    if (op.pathParams.length) {
      const segment = fc.oneof(fc.constantFrom(...HOSTILE_SEGMENTS), textWithControl.map((value) => ({ raw: false, value })), fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map((value) => ({ raw: false, value: `~${value}` })));
      sources.push(
        fc.tuple(signedIn, fc.constantFrom(...op.pathParams), segment, fc.oneof(plausibleBody, plainBody)).map(([identity, name, { raw, value }, body]) => ({
          identity,
          url: fill({ [name]: raw ? value : encode(value) }),
          body: op.body ? body : null,
          poison: `path ${name} = ${json(value.slice(0, 60))}`,
        })),
      );
    }
    if (op.query.length) {
      const queryPoison = fc.oneof(
        fc.constantFrom(...op.query).chain((q) => hostileQueryValue(q.schema).map((values) => ({ query: values.map((v) => `${encode(q.name)}=${encode(v)}`).join('&'), poison: `query ${q.name} = ${json(values)}` }))),
        fc.constantFrom(...PROTOTYPE_KEYS, 'unknown', 'from[]', 'a[b]').filter((k) => !op.query.some((q) => q.name === k)).map((key) => ({ query: `${encode(key)}=1`, poison: `unknown query ${key}` })),
      );
      sources.push(fc.tuple(signedIn, queryPoison, plausibleBody).map(([identity, { query, poison }, body]) => ({ identity, url: `${fill({})}?${query}`, body: op.body ? body : null, poison })));
    }
    if (op.secured) {
      const identity = fc.constantFrom<{ identity: Identity; token?: string }>({ identity: 'anonymous' }, { identity: 'garbage-token', token: 'Bearer not.a.token' }, { identity: 'garbage-token', token: `Bearer ${'a'.repeat(5000)}` }, { identity: 'garbage-token', token: 'Basic YWRtaW46YWRtaW4=' }, { identity: 'garbage-token', token: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
      sources.push(fc.tuple(identity, plausibleBody, junkQuery).map(([who, body, query]) => ({ ...who, url: `${fill({})}${query}`, body: op.body ? body : null, poison: `no valid credentials (${who.token?.slice(0, 30) ?? 'none'})` })));
    }
    return sources.length ? fc.oneof(...sources) : null;
  }

  async function send(op: Operation, hostile: HostileRequest): Promise<request.Response> {
    let call = request(t.http)[op.method](hostile.url);
    if (hostile.identity === 'member') call = call.set(pat.auth);
    if (hostile.identity === 'facilitator') call = call.set(fran.auth);
    if (hostile.token) call = call.set('Authorization', hostile.token);
    if (hostile.body !== null) call = call.set('Content-Type', 'application/json').send(hostile.body);
    return call;
  }

  /** One checksum per table (every row, as JSON), so that a write anywhere shows. When a session was last seen is bookkeeping of the request, not a write of its input. */
  async function checksums(): Promise<Record<string, string>> {
    const tables = ((await t.db.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)) as { name: string }[]).map((r) => r.name);
    const sql = tables.map((name) => `SELECT '${name}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(row, ',' ORDER BY row)), '') AS sum FROM (SELECT (to_jsonb(x) - 'lastSeenAt')::text AS row FROM "${name}" x) r`).join(' UNION ALL ');
    return Object.fromEntries(((await t.db.query(sql)) as { name: string; sum: string }[]).map((r) => [r.name, r.sum]));
  }

  beforeAll(async () => {
    t = await startTestApp({ INBOUND_EMAIL_SECRET: 'inbound-hook-secret-0123456789abcdefghij', LIVE_RATE_LIMIT: '0' });
    doc = (await request(t.http).get('/api/docs-json').expect(200)).body as OpenAPIV3.Document;
    fran = await registerUser(t, { displayName: 'Fran Facilitator' });
    const set = await createSet(t, fran);
    pat = await addMember(t, fran, set.id);
    const invitee = await registerUser(t, { displayName: 'Ivy Invited' });
    const invitation = await invite(t, fran, set.id, invitee.email);
    const meeting = (await request(t.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: '2031-03-04T09:30', durationMinutes: 180, format: 'in-person' }).expect(201)).body as MeetingResponse;
    const series = (await request(t.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: '2031-04-01T09:30', durationMinutes: 120, format: 'online', recurrence: 'FREQ=WEEKLY;COUNT=3' }).expect(201)).body as MeetingResponse;
    const round = (await request(t.http).post(`/api/sets/${set.id}/rounds`).set(pat.auth).send({ title: 'A case', caseText: 'What happened.' }).expect(201)).body as RoundDetailResponse;
    const entry = (await request(t.http).post('/api/me/learning-log').set(pat.auth).send({ title: 'After supervision', body: 'What happened.' }).expect(201)).body as { id: string };
    const me = (await request(t.http).get('/api/me').set(pat.auth).expect(200)).body as MeResponse;
    const links = t.app.get(SignedLinks);
    const until = new Date('2031-03-04T09:00:00Z');
    Object.assign(real, {
      setId: set.id,
      userId: pat.id,
      invitationId: invitation.id,
      'invitations:token': invitation.token,
      'rsvp:token': links.sign({ purpose: 'rsvp', meetingId: meeting.id, userId: pat.id, status: 'apology' }, until),
      'report-back:token': links.sign({ purpose: 'report-back', meetingId: meeting.id, userId: pat.id }, until),
      'email-preferences:token': links.sign({ purpose: 'reminders-off', userId: pat.id }, until),
      meetingId: meeting.id,
      seriesId: series.seriesId!,
      roundId: round.id,
      entryId: entry.id,
      stage: 'start',
      file: me.calendarFeedUrl.split('/').pop()!,
      sessionId: '5a1e8c36-0c53-4e44-9d4c-bb0fdc1f2a90',
    });
    // The e-mails of the set-up have gone out: nothing moves in the database but what a request does.
    await t.app.get(OutboxService).drain();
  });
  afterAll(() => t?.close());

  it('never answers 5xx, always answers 4xx in the contract’s shape, and writes nothing, for every operation', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(60);
    const failures: string[] = [];
    const skipped: string[] = [];
    const started = Date.now();
    let requests = 0;
    for (const op of ops) {
      const name = `${op.method.toUpperCase()} ${op.path}`;
      const hostile = hostileRequests(op);
      if (!hostile) {
        skipped.push(name);
        continue;
      }
      const before = await checksums();
      const details = await fc.check(
        fc.asyncProperty(hostile, async (h) => {
          requests++;
          const response = await send(op, h);
          const body = response.body as { statusCode?: unknown; error?: unknown; message?: unknown };
          const problem =
            response.status >= 500
              ? `answered ${response.status}: ${String(body.message)}`
              : response.status < 400
                ? `accepted it (${response.status})`
                : body.statusCode !== response.status || typeof body.error !== 'string' || typeof body.message !== 'string' || !body.message
                  ? `answered ${response.status} without the contract's error body: ${response.text.slice(0, 200)}`
                  : body.message === UNSTORABLE
                    ? 'reached the database unvalidated (the filter turned its data exception into a 400)'
                    : null;
          if (problem) throw new Error(`${name} with ${h.poison} as ${h.identity}: ${problem}`);
        }),
        { seed: SEED, numRuns: RUNS },
      );
      if (details.failed) failures.push(`${(details.errorInstance as Error | undefined)?.message ?? String(details.errorInstance)} (FUZZ_SEED=${details.seed})`);
      const after = await checksums();
      const written = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
      if (written.length) failures.push(`${name}: hostile requests wrote to ${written.join(', ')} (FUZZ_SEED=${SEED})`);
    }
    const health = await request(t.http).get('/api/health');
    if (health.status !== 200) failures.push(`the server is not healthy after the run: ${health.status}`);
    process.stdout.write(`fuzzed ${ops.length - skipped.length} operations with ${requests} hostile requests in ${Math.round((Date.now() - started) / 1000)} s (seed ${SEED}); nothing to make invalid in: ${skipped.join(', ')}\n`);
    expect(failures).toEqual([]);
  }, 300_000);
});
