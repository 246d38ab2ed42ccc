import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getMetadataStorage } from 'class-validator';
import { QueryFailedError } from 'typeorm';
import { AppConfig } from '../../src/core/config/app-config';
import { ErrorCode } from '../../src/core/errors/error-codes';
import { resolveError } from '../../src/core/http/exception.filter';
import { MAX_JSON_DEPTH } from '../../src/core/http/input-guard';
import { listRoutes, RouteInfo } from '../../src/core/http/route-catalog';
import { MAX_FILTER_VALUES } from '@libs/search/search-spec';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, login, PASSWORD, Session } from '../helpers/fixtures';
import { seedTenant, TenantSeed } from '../helpers/tenant-seed';

/**
 * Bad input never gives a 5xx. A corpus of hostile input (NUL bytes, 3,000-deep JSON, non-JSON
 * bodies, huge arrays, numbers and dates outside what the columns hold, malformed URL encoding)
 * is sent to EVERY route of the real router, as the owner of a seeded tenant (unauthenticated
 * routes without credentials). Each answer must be the probe's exact client error (status and
 * code) in the error envelope. Request and query shapes come from the app's own OpenAPI document,
 * so a new route, field or query parameter is covered without touching this file.
 */

const CODES = new Set<string>(Object.values(ErrorCode));
const ZERO_UUID = '00000000-0000-4000-8000-000000000000';

/** Routes that take no credentials: the corpus is sent to them anonymously. */
const UNAUTHENTICATED = new Set(['POST /login', 'POST /auth/bootstrap', 'POST /agent/register', 'POST /auth/refresh', 'POST /auth/mfa/verify', 'GET /auth/bootstrap/status']);
/** Skyport's panel API answers errors in Skyport's own shape `{ error }` (its compatibility contract), not the envelope. */
const isSkyport = (url: string) => url.startsWith('/api/');
/** The dialects answer errors as `{ error }`: Skyport, and Shardlyn's /v1 (docs/compat-v1.md). */
const answersInDialect = (url: string) => isSkyport(url) || url.startsWith('/v1/');
/**
 * Routes skipped, each with its reason. WebSocket upgrade routes (`/agent/ws`,
 * `/gameserver/:id/console`) are served by the ws server, not by Fastify's router, so they are
 * not in the route catalogue at all; nothing else is skipped.
 */
const SKIPPED: Record<string, string> = {};

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

interface Probe {
  name: string;
  method: string;
  url: string;
  payload?: string;
  contentType?: string;
  /** The exact status and error code expected (Skyport's routes answer their own `{ error }` shape, so only the status is checked there). */
  status: number;
  code: ErrorCode;
}

type Schema = { $ref?: string; type?: string; format?: string; properties?: Record<string, Schema>; items?: Schema; oneOf?: Schema[] };

describe('bad input never gives a 5xx', () => {
  let t: TestApp;
  let root: Session;
  /** Receives the corpus. */
  let tenant: TenantSeed;
  /** Used by the other tests, so a wrongly accepted destructive probe cannot hide their results. */
  let spare: TenantSeed;
  let apiKey: string;
  /** The owner's current access token (renewed when a wrongly accepted probe may have ended the session). */
  let token: string;
  const relogin = async () => {
    token = (await login(t, 'admin')).token;
  };
  let routes: RouteInfo[];
  let doc: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };

  const deref = (s: Schema | undefined): Schema | undefined => {
    let cur = s;
    while (cur?.$ref) cur = doc.components.schemas[cur.$ref.split('/').pop()!];
    return cur;
  };
  const operation = (r: RouteInfo) => doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];

  /** The body's properties by kind, from the route's OpenAPI request body. */
  const bodyShape = (r: RouteInfo) => {
    const schema = deref(operation(r)?.requestBody?.content?.['application/json']?.schema);
    const shape = { hasBody: !!schema, strings: [] as string[], numbers: [] as string[], dates: [] as string[], arrays: [] as string[] };
    for (const [name, raw] of Object.entries(schema?.properties ?? {})) {
      const p = deref(raw)!;
      if (p.type === 'array') shape.arrays.push(name);
      else if (p.type === 'integer' || p.type === 'number') shape.numbers.push(name);
      else if (p.type === 'string' && p.format === 'date-time') shape.dates.push(name);
      else if (p.type === 'string') shape.strings.push(name);
    }
    return shape;
  };
  const queryShape = (r: RouteInfo) => {
    const params = ((operation(r)?.parameters ?? []) as Array<{ in: string; name: string; schema?: Schema }>).filter((p) => p.in === 'query');
    return {
      all: params.map((p) => p.name),
      numbers: params.filter((p) => p.schema?.type === 'integer' || p.schema?.type === 'number').map((p) => p.name),
      dates: params.filter((p) => p.schema?.format === 'date-time' || /^(from|to)$/.test(p.name)).map((p) => p.name),
    };
  };

  const resourceOf = (url: string) => url.split('/')[1];
  const PLACEHOLDERS: Record<string, string> = { containerId: 'c0ffee', action: 'restart', uploadId: ZERO_UUID, transferId: ZERO_UUID };
  const fill = (url: string) =>
    url
      .replace(
        /:(\w+)/g,
        (_, name: string) => (name === 'id' ? tenant.ids[resourceOf(url)] : name === 'domainId' || name === 'orgId' ? tenant.ids.domain : (tenant.ids[name] ?? PLACEHOLDERS[name])) ?? ZERO_UUID,
      )
      .replace(/\*$/, 'x');
  /** The route's URL with its first parameter set to `raw` (already URL-encoded). */
  const withFirstParam = (url: string, raw: string) => fill(url.replace(/:\w+|\*$/, raw));

  const send = (r: RouteInfo, p: Probe) => {
    const headers: Record<string, string> = {};
    if (p.contentType) headers['content-type'] = p.contentType;
    if (!UNAUTHENTICATED.has(`${r.method} ${r.url}`)) {
      if (isSkyport(r.url)) headers['x-api-key'] = apiKey;
      else headers.authorization = `Bearer ${token}`;
      headers['x-takaro-domain'] = tenant.domainId;
    }
    return t.request(p.method, p.url, { headers, body: p.payload });
  };

  /** Null when the reply is the probe's exact client error in the right error shape; otherwise what is wrong. */
  const problem = (r: RouteInfo, p: Probe, res: Reply): string | null => {
    if (res.status !== p.status) return `${res.status}, expected ${p.status}`;
    if (answersInDialect(r.url) && typeof res.body?.error === 'string' && res.body.meta === undefined) return null;
    const error = res.body?.meta?.error;
    if (res.body?.data !== null || typeof res.body?.meta?.serverTime !== 'string' || !CODES.has(error?.code) || typeof error?.message !== 'string') return `${res.status}: not the error envelope`;
    if (error.code !== p.code) return `${res.status} with code ${error.code}, expected ${p.code}`;
    if (/\bat .+:\d+:\d+\)?$/m.test(res.text) || /\b(SELECT|INSERT|UPDATE) .*\b(FROM|INTO|SET)\b/.test(res.text)) return `${res.status}: leaks a stack or SQL`;
    return null;
  };

  const deepArray = '['.repeat(3000) + ']'.repeat(3000);
  const deepObject = '{"a":'.repeat(3000) + 'null' + '}'.repeat(3000);
  const huge = (value: unknown) => Array(70_000).fill(value);
  const INVALID = { status: 400, code: ErrorCode.ValidationError };
  const MALFORMED = { status: 400, code: ErrorCode.BadRequestError };
  const UNSUPPORTED = { status: 415, code: ErrorCode.UnsupportedMediaTypeError };

  /** The corpus for one route. */
  const corpus = (r: RouteInfo): Probe[] => {
    const m = r.method;
    const url = fill(r.url);
    const probes: Probe[] = [];
    if (/:\w+|\*$/.test(r.url)) {
      probes.push({ name: 'NUL byte in a route parameter', method: m, url: withFirstParam(r.url, 'a%00b'), ...INVALID });
      probes.push({ name: 'bad percent-encoding in a route parameter', method: m, url: withFirstParam(r.url, '%E0%A4%A'), ...MALFORMED });
    }
    const query = queryShape(r);
    const nulQuery = ['q', ...query.all].map((n) => `${n}=a%00b`).join('&');
    probes.push({ name: 'NUL byte in the query string', method: m, url: `${url}?${nulQuery}`, ...INVALID });
    probes.push({ name: 'bad percent-encoding in the query string', method: m, url: `${url}?q=%E0%A4%A`, ...MALFORMED });
    for (const v of ['1.5', '2147483648', '1e308', '-1e308']) {
      if (query.numbers.length) probes.push({ name: `query number ${v}`, method: m, url: `${url}?${query.numbers.map((n) => `${n}=${v}`).join('&')}`, ...INVALID });
    }
    for (const v of ['-009999-01-01T00:00:00Z', '-8.64e15', '+275760-09-13T00:00:00Z']) {
      if (query.dates.length) probes.push({ name: `query date ${v}`, method: m, url: `${url}?${query.dates.map((n) => `${n}=${encodeURIComponent(v)}`).join('&')}`, ...INVALID });
    }
    if (!BODY_METHODS.has(m)) return probes;

    // Parseable JSON is refused by validation; an unparseable body by the parser; a foreign content type before either.
    const json = (name: string, body: unknown) => probes.push({ name, method: m, url, payload: JSON.stringify(body), contentType: 'application/json', ...INVALID });
    const raw = (name: string, payload: string, contentType: string, expected: Pick<Probe, 'status' | 'code'>) => probes.push({ name, method: m, url, payload, contentType, ...expected });
    const shape = bodyShape(r);
    const stringKeys = [...shape.strings, ...shape.dates];
    json('NUL byte in string values', Object.fromEntries((stringKeys.length ? stringKeys : ['name']).map((k) => [k, 'a\u0000b'])));
    json('NUL byte in a key', { 'a\u0000b': 'x' });
    raw('3,000-deep JSON array', deepArray, 'application/json', MALFORMED);
    raw('3,000-deep JSON object', deepObject, 'application/json', MALFORMED);
    raw('malformed JSON', '{"a":', 'application/json', MALFORMED);
    raw('text/plain body', 'hello', 'text/plain', UNSUPPORTED);
    raw('form-encoded body', 'a=b', 'application/x-www-form-urlencoded', UNSUPPORTED);
    raw('XML body', '<a/>', 'application/xml', UNSUPPORTED);
    if (!shape.hasBody) return probes;
    json('a 70,000-element array as the body', huge(1));
    if (shape.arrays.length) json('70,000-element arrays in array fields', Object.fromEntries(shape.arrays.map((k) => [k, huge('a')])));
    for (const v of [1.5, 2147483648, 1e308, -1e308]) {
      if (shape.numbers.length) json(`number ${v} in number fields`, Object.fromEntries(shape.numbers.map((k) => [k, v])));
    }
    for (const v of ['-009999-01-01T00:00:00Z', -8.64e15, '+275760-09-13T00:00:00Z']) {
      if (shape.dates.length) json(`date ${v} in date fields`, Object.fromEntries(shape.dates.map((k) => [k, v])));
    }
    return probes;
  };

  before(async () => {
    // Thousands of requests from one address: the rate limit is tested on its own app elsewhere.
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    root = await bootstrapAdmin(t, 'Root');
    tenant = await seedTenant(t, root, 'Tenant A');
    spare = await seedTenant(t, root, 'Tenant B');
    const key = await t.request('POST', '/apitoken', { token: tenant.owner.token, domain: tenant.domainId, body: { name: 'bad-input-key' } });
    assert.equal(key.status, 201, key.text);
    apiKey = key.body.data.token;
    token = tenant.owner.token;
    doc = (await t.request('GET', '/openapi.json')).body;
    routes = listRoutes(t.app.getHttpAdapter().getInstance()).filter((r) => !SKIPPED[`${r.method} ${r.url}`]);
    assert.ok(routes.length > 100, `router lists ${routes.length} routes`);
    for (const name of ['POST /login', 'POST /auth/bootstrap', 'POST /agent/register']) {
      assert.ok(
        routes.some((r) => `${r.method} ${r.url}` === name),
        `${name} is in the router and gets the corpus`,
      );
    }
  });
  after(async () => {
    await t?.close();
  });

  it('every route answers each probe of the corpus with its exact 400/415 and error code in the error envelope', async () => {
    const failures: string[] = [];
    let sent = 0;
    // Session-ending and deleting routes last, so a wrongly accepted probe cannot blind the rest.
    const last = (r: RouteInfo) => (r.method === 'DELETE' || /logout|mfa\/disable/.test(r.url) ? 1 : 0);
    for (const r of [...routes].sort((a, b) => last(a) - last(b))) {
      let failed = false;
      for (const p of corpus(r)) {
        const res = await send(r, p);
        sent++;
        const wrong = problem(r, p, res);
        failed ||= wrong !== null;
        if (wrong) failures.push(`${r.method} ${r.url} [${p.name}] → ${wrong}: ${res.text.slice(0, 160)}`);
      }
      // A probe answered otherwise may have been accepted and logged the owner out: carry on with a
      // fresh session so one failure does not turn every later route into a 401.
      if (failed) await relogin();
    }
    assert.ok(sent > 1000, `sent ${sent} probes`);
    assert.deepEqual(failures, []);
    // The owner's session survived the corpus (nothing was accepted that logs out or deletes).
    assert.equal((await t.request('GET', '/me', { token: tenant.owner.token })).status, 200);
  });

  it('every POST …/search refuses out-of-range paging, numbers, dates and oversized lists with a ValidationError', async () => {
    await relogin();
    const searches = routes.filter((r) => r.method === 'POST' && r.url.endsWith('/search') && !isSkyport(r.url));
    assert.ok(searches.length >= 9, `${searches.length} search routes`);
    const failures: string[] = [];
    for (const r of searches) {
      const input = deref(operation(r)?.requestBody?.content?.['application/json']?.schema)!;
      const fieldsOf = (section: string) =>
        Object.entries(deref(input.properties?.[section])?.properties ?? {}).map(([name, s]) => ({ name, scalar: deref(s)!.oneOf ? deref(deref(s)!.oneOf![0])! : deref(s)! }));
      const filters = fieldsOf('filters');
      const numberFilters = filters.filter((f) => f.scalar.type === 'integer' || f.scalar.type === 'number').map((f) => f.name);
      const numberRanges = fieldsOf('greaterThan')
        .filter((f) => f.scalar.type === 'integer' || f.scalar.type === 'number')
        .map((f) => f.name);
      const dateRanges = fieldsOf('greaterThan')
        .filter((f) => f.scalar.format === 'date-time')
        .map((f) => f.name);
      // Short plain strings keep 70,000 values under the body limit, so the list size is what is refused.
      // A search under a resource (e.g. an integration's deliveries) runs on the spare tenant's own one.
      const url = r.url.replace(':id', () => spare.ids[resourceOf(r.url)]);
      const textFilter = filters.find((f) => f.scalar.type === 'string' && !f.scalar.format && !(f.scalar as { enum?: unknown }).enum)?.name;
      const textSearch = fieldsOf('search')[0]?.name;
      assert.ok(textFilter && textSearch && dateRanges.length, `${r.url} has a text filter, a search field and a date range`);

      const cases: Array<[string, unknown]> = [
        ['page 1e17', { page: 1e17 }],
        ['page 1.5', { page: 1.5 }],
        ['limit 1.5', { limit: 1.5 }],
        ['limit 1e308', { limit: 1e308 }],
        ...numberFilters.flatMap((f) => [1.5, 2147483648, 1e308, -1e308].map((v): [string, unknown] => [`filters.${f} ${v}`, { filters: { [f]: v } }])),
        ...numberFilters.map((f): [string, unknown] => [`filters.${f} [1, 2147483648]`, { filters: { [f]: [1, 2147483648] } }]),
        ...numberRanges.flatMap((f) => [1e20, 1.5].map((v): [string, unknown] => [`greaterThan.${f} ${v}`, { greaterThan: { [f]: v } }])),
        ...dateRanges.flatMap((f) =>
          [-8.64e15, '-009999-01-01T00:00:00Z', '+010000-01-01T00:00:00Z'].flatMap((v): Array<[string, unknown]> => [
            [`greaterThan.${f} ${v}`, { greaterThan: { [f]: v } }],
            [`lessThan.${f} ${v}`, { lessThan: { [f]: v } }],
          ]),
        ),
        [`70,000 values in filters.${textFilter}`, { filters: { [textFilter]: huge('a') } }],
        [`70,000 terms in search.${textSearch}`, { search: { [textSearch]: huge('a') } }],
      ];
      for (const [name, body] of cases) {
        const res = await t.request('POST', url, { token, domain: spare.domainId, body });
        if (res.status !== 400 || res.body?.meta?.error?.code !== ErrorCode.ValidationError || !Array.isArray(res.body.meta.error.details)) {
          failures.push(`${r.url} [${name}] → ${res.status}: ${res.text.slice(0, 160)}`);
        }
      }
      const allowed = Array.from({ length: MAX_FILTER_VALUES }, (_, i) => `value-${i}`);
      const ok = await t.request('POST', url, { token, domain: spare.domainId, body: { filters: { [textFilter]: allowed }, search: { [textSearch]: allowed.slice(0, 100) } } });
      if (ok.status !== 200) failures.push(`${r.url} [${MAX_FILTER_VALUES} filter values, 100 search terms] → ${ok.status}: ${ok.text.slice(0, 160)}`);
    }
    assert.deepEqual(failures, []);
  });

  it('5 parallel POST /role with one name → one 201 and four 409; the same for POST /user', async () => {
    await relogin();
    const as = (url: string, body: unknown) => t.request('POST', url, { token, domain: spare.domainId, body });
    const statuses = (rs: Reply[]) => rs.map((r) => r.status).sort();
    const roles = await Promise.all(Array.from({ length: 5 }, (_, i) => as('/role', { name: i % 2 ? 'Raced' : 'raced', permissions: [] })));
    assert.deepEqual(statuses(roles), [201, 409, 409, 409, 409], roles.map((r) => r.text).join('\n'));
    const users = await Promise.all(Array.from({ length: 5 }, (_, i) => as('/user', { username: i % 2 ? 'Racer' : 'racer', email: `racer${i}@example.com`, password: PASSWORD })));
    assert.deepEqual(statuses(users), [201, 409, 409, 409, 409], users.map((r) => r.text).join('\n'));
    const emails = await Promise.all(Array.from({ length: 5 }, (_, i) => as('/user', { username: `mailer${i}`, email: i % 2 ? 'MAILER@example.com' : 'mailer@example.com', password: PASSWORD })));
    assert.deepEqual(statuses(emails), [201, 409, 409, 409, 409], emails.map((r) => r.text).join('\n'));
    for (const r of [...roles, ...users, ...emails].filter((x) => x.status === 409)) {
      assert.equal(r.body.meta.error.code, ErrorCode.ConflictError);
      assert.doesNotMatch(r.text, /INSERT|duplicate key|violates/i, 'no SQL or database text');
    }
  });

  it('errors raised by Fastify itself come back in the envelope', async () => {
    await relogin();
    const auth = { token, domain: spare.domainId };
    const envelope = (res: Reply, status: number, code: ErrorCode) => {
      assert.equal(res.status, status, res.text);
      assert.equal(res.body.data, null, res.text);
      assert.equal(res.body.meta.error.code, code, res.text);
    };
    envelope(await t.request('GET', '/role/%E0%A4%A', auth), 400, ErrorCode.BadRequestError);
    envelope(await t.request('GET', '/login/%E0%A4%A'), 400, ErrorCode.BadRequestError);
    envelope(await t.request('POST', '/role/search?x=%E0%A4%A', { ...auth, body: {} }), 400, ErrorCode.BadRequestError);
    envelope(await t.request('POST', '/role', { ...auth, body: '{"name":', headers: { 'content-type': 'application/json' } }), 400, ErrorCode.BadRequestError);
    envelope(await t.request('POST', '/role', { ...auth, body: '', headers: { 'content-type': 'application/json' } }), 400, ErrorCode.BadRequestError);
    envelope(await t.request('POST', '/role', { ...auth, body: 'name: x', headers: { 'content-type': 'text/plain' } }), 415, ErrorCode.UnsupportedMediaTypeError);
    envelope(await t.request('POST', '/role', { ...auth, body: '{}', headers: { 'content-type': 'application/vnd.evil+json' } }), 415, ErrorCode.UnsupportedMediaTypeError);
    envelope(await t.request('POST', '/login', { body: 'x'.repeat(t.config.BODY_LIMIT + 1), headers: { 'content-type': 'application/json' } }), 413, ErrorCode.PayloadTooLargeError);
    const mismatch = await t.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json', 'content-length': '100' }, payload: '{}' });
    envelope({ status: mismatch.statusCode, body: JSON.parse(mismatch.body), headers: {}, text: mismatch.body }, 400, ErrorCode.BadRequestError);
    // Depth is counted before parsing; brackets inside strings do not count, and 32 levels are fine.
    const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
    envelope(await t.request('POST', '/login', { body: `{"username":${nested(MAX_JSON_DEPTH)},"password":"x"}` }), 400, ErrorCode.BadRequestError);
    const withBrackets = await t.request('POST', '/login', { body: { username: '['.repeat(200), password: '{'.repeat(200) } });
    assert.equal(withBrackets.status, 401, withBrackets.text);
    // An escaped backslash followed by "u0000" is plain text, not a NUL byte.
    const notNul = await t.request('POST', '/login', { body: { username: '\\u0000', password: 'not-the-password' } });
    assert.equal(notNul.status, 401, notNul.text);
  });

  it('a JSON route refuses text/plain with 415; uploads keep their own content types', async () => {
    await relogin();
    const auth = { token, domain: spare.domainId };
    const res = await t.request('POST', '/role', { ...auth, body: JSON.stringify({ name: 'plain', permissions: [] }), headers: { 'content-type': 'text/plain' } });
    assert.equal(res.status, 415, res.text);
    assert.equal(res.body.meta.error.code, ErrorCode.UnsupportedMediaTypeError);
    const multipart = await t.request('POST', '/role', {
      ...auth,
      body: '--x\r\ncontent-disposition: form-data; name="name"\r\n\r\nm\r\n--x--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    assert.equal(multipart.status, 415, multipart.text);
    // The upload route still takes multipart (and fails later only because the node is offline).
    const upload = await t.request('POST', `/gameserver/${spare.ids.gameserver}/files/upload`, {
      ...auth,
      body: '--x\r\ncontent-disposition: form-data; name="file"; filename="a.txt"\r\ncontent-type: text/plain\r\n\r\nhello\r\n--x--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    assert.equal(upload.status, 409, upload.text);
    assert.equal(upload.body.meta.error.code, ErrorCode.ConflictError);
    const tus = await t.request('PATCH', `/gameserver/${spare.ids.gameserver}/files/tus/${ZERO_UUID}`, {
      ...auth,
      body: 'hello',
      headers: { 'content-type': 'application/offset+octet-stream', 'tus-resumable': '1.0.0', 'upload-offset': '0' },
    });
    assert.equal(tus.status, 404, tus.text);
    assert.equal(tus.body.meta.error.code, ErrorCode.NotFoundError);
  });

  it('every validated number has a Min and a Max, every validated array an ArrayMaxSize', () => {
    // AppConfig is validated too, but it reads the environment at boot, not request input.
    const notRequestInput = new Set<Function>([AppConfig]);
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, Array<{ name?: string; type: string; propertyName: string; each?: boolean }>> };
    const failures: string[] = [];
    let checked = 0;
    for (const [target, metas] of storage.validationMetadatas) {
      if (notRequestInput.has(target)) continue;
      const byProperty = new Map<string, typeof metas>();
      for (const m of metas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
      for (const [property, ms] of byProperty) {
        const names = new Set(ms.map((m) => m.name ?? m.type));
        const numeric = ['isInt', 'isNumber', 'isPositive', 'isNegative'].some((n) => names.has(n));
        const array = names.has('isArray') || ms.some((m) => m.each);
        if (numeric && !(names.has('min') && names.has('max'))) failures.push(`${target.name}.${property}: a number without Min and Max`);
        if (array && !names.has('arrayMaxSize')) failures.push(`${target.name}.${property}: an array without ArrayMaxSize`);
        if (numeric || array) checked++;
      }
    }
    assert.ok(checked > 50, `checked ${checked} number/array properties`);
    assert.deepEqual(failures, []);
  });

  it('database errors caused by input map to 409/400 without SQL, stack or values', () => {
    const fail = (code: string) =>
      resolveError(
        new QueryFailedError('INSERT INTO "role" ("name") VALUES ($1)', ['secret-value'], Object.assign(new Error(`db says secret-value (${code})`), { code, constraint: 'role_domain_name' })),
      );
    const cases: Array<[string, number, ErrorCode]> = [
      ['23505', 409, ErrorCode.ConflictError],
      ['23503', 409, ErrorCode.ConflictError],
      ['22P02', 400, ErrorCode.BadRequestError],
      ['22003', 400, ErrorCode.BadRequestError],
      ['22008', 400, ErrorCode.BadRequestError],
      ['22021', 400, ErrorCode.BadRequestError],
      ['54000', 400, ErrorCode.BadRequestError],
      ['08P01', 400, ErrorCode.BadRequestError],
    ];
    for (const [sqlState, status, code] of cases) {
      const r = fail(sqlState);
      assert.equal(r.status, status, sqlState);
      assert.equal(r.body.meta.error.code, code, sqlState);
      assert.equal(r.internal, undefined, `${sqlState} is the client's error, not logged as a fault`);
      assert.doesNotMatch(JSON.stringify(r.body), /INSERT|secret-value|db says/, sqlState);
    }
    assert.equal(fail('XX000').status, 500, 'other database errors stay internal errors');
  });
});
