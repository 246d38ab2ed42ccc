import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTestApp, TestApp } from '../helpers/test-app';
import { generateOpenApiJson } from '../../src/openapi/write-openapi';
import { loadConfig, ConfigError } from '../../src/core/config/app-config';

describe('foundation: envelope, errors, health, OpenAPI', () => {
  let t: TestApp;
  // /metrics and /health/detailed are for operators: instance admins or this bearer token.
  const METRICS_TOKEN = 'foundation-metrics-token-0123456789abcdef';
  const operator = { authorization: `Bearer ${METRICS_TOKEN}` };
  before(async () => {
    t = await createTestApp({ METRICS_TOKEN });
  });
  after(async () => {
    await t.close();
  });

  it('health endpoints answer in the envelope', async () => {
    for (const url of ['/healthz', '/health', '/health/live']) {
      const r = await t.request('GET', url);
      assert.equal(r.status, 200, url);
      assert.equal(r.body.data.status, 'ok');
      assert.match(r.body.meta.serverTime, /^\d{4}-\d\d-\d\dT/);
    }
    const ready = await t.request('GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.data.database.status, 'up');
    const detailed = await t.request('GET', '/health/detailed', { headers: operator });
    assert.equal(detailed.status, 200);
    assert.equal(typeof detailed.body.data.database.latencyMs, 'number');
    assert.equal(typeof detailed.body.data.version, 'string');
  });

  it('unknown route is a 404 in the error envelope', async () => {
    const r = await t.request('GET', '/does-not-exist');
    assert.equal(r.status, 404);
    assert.deepEqual(Object.keys(r.body).sort(), ['data', 'meta']);
    assert.equal(r.body.data, null);
    assert.equal(r.body.meta.error.code, 'NotFoundError');
    assert.ok(!/at .*\.js:\d+/.test(r.text), 'no stack trace');
  });

  it('malformed JSON is a 400 in the envelope', async () => {
    const r = await t.request('POST', '/auth/bootstrap', { body: '{"username": ', headers: { 'content-type': 'application/json' } });
    assert.equal(r.status, 400);
    assert.equal(r.body.meta.error.code, 'BadRequestError');
    assert.match(r.body.meta.error.message, /JSON/);
  });

  it('oversize bodies are a 413 in the envelope', async () => {
    const r = await t.request('POST', '/auth/bootstrap', { body: JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) }) });
    assert.equal(r.status, 413);
    assert.equal(r.body.meta.error.code, 'PayloadTooLargeError');
  });

  it('prometheus metrics count requests by route and status', async () => {
    await t.request('GET', '/healthz');
    const r = await t.request('GET', '/metrics', { headers: operator });
    assert.equal(r.status, 200);
    assert.match(r.text, /outpost_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/);
    assert.match(r.text, /outpost_process_cpu_user_seconds_total/);
  });

  it('serves the API explorer and the spec', async () => {
    const html = await t.request('GET', '/api.html');
    assert.equal(html.status, 200);
    assert.match(html.text, /swagger/i);
    const spec = await t.request('GET', '/openapi.json');
    assert.equal(spec.status, 200);
    assert.equal(spec.body.openapi.startsWith('3.'), true);
    assert.ok(spec.body.paths['/readyz']);
  });
});

describe('OpenAPI drift', () => {
  it('the committed openapi.json equals the generated spec (run `npm run openapi`)', async () => {
    const committed = readFileSync(resolve(__dirname, '../../../openapi.json'), 'utf8');
    const generated = await generateOpenApiJson();
    if (committed !== generated) {
      // Name the first difference instead of printing two 170 kB strings.
      const a = committed.split('\n');
      const b = generated.split('\n');
      const i = a.findIndex((line, n) => line !== b[n]);
      assert.fail(`openapi.json is stale: run \`npm run openapi\` and commit it (first difference at line ${i + 1}: committed ${JSON.stringify(a[i])}, generated ${JSON.stringify(b[i])})`);
    }
  });
});

describe('config validation', () => {
  it('rejects bad values with a message naming the variable', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc' }),
      (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message),
    );
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL must be a postgres/);
    assert.throws(() => loadConfig({ JWT_SECRET: 'short' }), /JWT_SECRET/);
    assert.equal(loadConfig({ PORT: '4000' }).PORT, 4000);
  });
});
