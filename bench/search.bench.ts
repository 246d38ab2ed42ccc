/**
 * `npm run bench:search` — POST /node/search through the real Outpost app vs. a raw Fastify + pg
 * handler running the very same SQL, in the same process and run, against the same database.
 *
 * The result is a ratio (Outpost throughput / raw throughput), never a timed assertion.
 *
 * Env: BENCH_SECONDS (measured seconds per run, default 5), BENCH_WARMUP_SECONDS (default 2),
 * BENCH_CONNECTIONS (concurrent keep-alive connections, default 16), BENCH_MAX_REQUESTS (cap per
 * run, default 200000), BENCH_KEEP_DB=1 (do not drop the database), BENCH_CPU_PROFILE=<file> (writes a
 * .cpuprofile of the server thread during Outpost's measured "mixed" run; summarize it with
 * `node dist/bench/tools/cpuprofile-summary.js <file>`). BENCH_SMOKE=1: 3 domains × 600 rows, sub-second
 * runs, and every request must answer 200 (bench/lib/smoke.ts).
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import Fastify, { FastifyInstance } from 'fastify';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { DEFAULT_LIMIT, SearchQuery } from '@libs/search/search-spec';
import { nodeState } from '../src/modules/node/entities/node.entity';
import { bootstrapAdmin, createDomain, createMember } from '../test/helpers/fixtures';
import { envNumber, LoadSummary, runLoad, summarize, table } from './lib/load';
import { migratedDatabase, startOutpost } from './lib/outpost';
import { NODE_OUTPUT_FIELDS } from './lib/node-fields';
import { expectSane, sized } from './lib/smoke';
import { ratioResult, TARGETS, writeResults } from './lib/results';

const DOMAINS = sized(100, 3);
// At least 600 so that "page 5" (rows 500–599) is a full page.
const ROWS_PER_DOMAIN = sized(1000, 600);
const TARGET_RATIO = TARGETS.searchRatio;
const SECONDS = envNumber('BENCH_SECONDS', sized(5, 0.5));
const WARMUP_SECONDS = envNumber('BENCH_WARMUP_SECONDS', sized(2, 0.2));
const CONNECTIONS = Math.floor(envNumber('BENCH_CONNECTIONS', sized(16, 4)));
const MAX_REQUESTS = Math.floor(envNumber('BENCH_MAX_REQUESTS', 200_000));
const CITIES = ['amsterdam', 'berlin', 'chicago', 'dublin', 'frankfurt', 'helsinki', 'london', 'madrid', 'paris', 'warsaw'];

/** The request bodies both servers answer; "mixed" sends them round-robin. */
const SCENARIOS: Array<{ name: string; body: SearchQuery }> = [
  { name: 'default page', body: {} },
  { name: 'search name', body: { search: { name: 'berlin' } } },
  // 'pending' rather than 'online': the offline sweep flips seeded 'online' rows (no live agent) to 'offline'.
  { name: 'filter status', body: { filters: { status: 'pending' } } },
  { name: 'sort name, page 5', body: { sortBy: 'name', sortDirection: 'asc', page: 5 } },
];

/** Profiles this (server) thread while `fn` runs, when BENCH_CPU_PROFILE names a file. */
async function profiled<T>(enabled: boolean, fn: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!enabled || !file) return fn();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<any>((resolve, reject) => session.post(method, params, (err, r) => (err ? reject(err) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    log(`  wrote CPU profile of the Outpost run to ${file}`);
  }
}

const log = (...a: unknown[]) => console.log(...a);

async function seedNodes(ds: DataSource, domainIds: string[]): Promise<void> {
  // One INSERT … SELECT over generate_series per 10 domains: 10,000 rows a statement.
  for (let i = 0; i < domainIds.length; i += 10) {
    await ds.query(
      `INSERT INTO node ("domainId", name, address, tags, location, "memoryMiB", "diskMiB", "cpuPercent", status, scheduling, "lastHeartbeatAt", "createdAt", "updatedAt")
       SELECT d.id,
              ($2::text[])[1 + g % 10] || '-' || lpad(g::text, 4, '0'),
              '10.' || (g / 256) || '.' || (g % 256) || '.1',
              ARRAY['tier-' || (g % 3), ($2::text[])[1 + g % 10]],
              ($2::text[])[1 + g % 10],
              4096 + (g % 16) * 1024, 102400, 400,
              (ARRAY['pending','online','offline'])[1 + (g * 7) % 3],
              (ARRAY['active','active','active','cordoned','draining'])[1 + g % 5],
              CASE WHEN g % 3 = 0 THEN NULL ELSE now() - (g || ' seconds')::interval END,
              now() - (g || ' minutes')::interval,
              now() - (g || ' minutes')::interval
         FROM unnest($1::uuid[]) AS d(id), generate_series(1, ${ROWS_PER_DOMAIN}) AS g`,
      [domainIds.slice(i, i + 10), CITIES],
    );
  }
  await ds.query('ANALYZE node');
}

/** Records every query TypeORM sends while `fn` runs (the logger is called for every query). */
async function captureQueries(ds: DataSource, fn: () => Promise<unknown>): Promise<Array<{ sql: string; params: unknown[] }>> {
  const logger = ds.logger;
  const original = logger.logQuery.bind(logger);
  const seen: Array<{ sql: string; params: unknown[] }> = [];
  logger.logQuery = (sql: string, params?: unknown[]) => void seen.push({ sql, params: params ?? [] });
  try {
    await fn();
  } finally {
    logger.logQuery = original;
  }
  return seen;
}

/** Plain Fastify + pg: one query from the captured SQL, a similar envelope, nothing else. */
async function startRaw(dbUrl: string, queries: Map<string, { sql: string; params: unknown[]; page: number; limit: number }>): Promise<{ app: FastifyInstance; pool: Pool; port: number }> {
  const pool = new Pool({ connectionString: dbUrl, max: 20 });
  const app = Fastify({ logger: false });
  app.post('/node/search', async (req, reply) => {
    const q = queries.get(JSON.stringify(req.body ?? {}));
    if (!q) return reply.code(400).send({ meta: { serverTime: new Date().toISOString(), error: { code: 'BadRequestError' } }, data: null });
    const { rows } = await pool.query(q.sql, q.params);
    // The same fields NodeOutputDTO exposes, the two computed ones included (main() checks they match).
    const data = rows.map((r: Record<string, unknown>) => {
      const o: Record<string, unknown> = {};
      for (const k of NODE_OUTPUT_FIELDS) o[k] = r[`n_${k}`];
      o.shared = o.domainId === null;
      o.state = nodeState(o as never);
      return o;
    });
    return { meta: { serverTime: new Date().toISOString(), page: q.page, limit: q.limit, total: rows.length ? Number(rows[0].__total) : 0 }, data };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, pool, port: (app.server.address() as AddressInfo).port };
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  log(`# bench:search — ${new Date().toISOString()}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), node ${process.version}`);
  const db = await migratedDatabase();
  log(`database ${db.name} (migrated)`);
  let outpost: Awaited<ReturnType<typeof startOutpost>> | undefined;
  let raw: Awaited<ReturnType<typeof startRaw>> | undefined;
  try {
    outpost = await startOutpost(db);
    const t = outpost;
    const ds = t.app.get(DataSource);

    // Tenancy through the real API: first admin, 99 more domains, one plain member of one domain.
    const admin = await bootstrapAdmin(t, 'Domain 000');
    const domainIds = [admin.domainId];
    for (let i = 1; i < DOMAINS; i++) domainIds.push(await createDomain(t, admin.token, `Domain ${String(i).padStart(3, '0')}`));
    const target = domainIds[Math.floor(DOMAINS / 2)];
    const member = await createMember(t, admin, target, 'bench-member', 'Member');
    const seedStart = Date.now();
    await seedNodes(ds, domainIds);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM node');
    assert.equal(n, DOMAINS * ROWS_PER_DOMAIN);
    log(`seeded ${DOMAINS} domains × ${ROWS_PER_DOMAIN} nodes = ${n} rows in ${Date.now() - seedStart} ms; searching as a Member of one domain`);

    const headers = { authorization: `Bearer ${member.token}`, 'x-takaro-domain': target };

    // The raw baseline runs exactly the SQL Outpost issues: taken from TypeORM's query log during
    // one real Outpost request per body (not rebuilt here, so it follows whatever the app does).
    const queries = new Map<string, { sql: string; params: unknown[]; page: number; limit: number }>();
    let otherQueries: string[] = [];
    for (const s of SCENARIOS) {
      const issued = await captureQueries(ds, async () => {
        const r = await t.request('POST', '/node/search', { headers, body: s.body });
        assert.equal(r.status, 200, r.text);
      });
      const search = issued.filter((x) => /\bFROM "node"/.test(x.sql) && x.sql.includes('COUNT(*) OVER()'));
      assert.equal(search.length, 1, `expected one search query for ${s.name}, Outpost issued:\n${issued.map((x) => x.sql).join('\n')}`);
      otherQueries = issued.filter((x) => x !== search[0]).map((x) => x.sql.replace(/\s+/g, ' ').slice(0, 60));
      queries.set(JSON.stringify(s.body), { ...search[0], page: s.body.page ?? 0, limit: s.body.limit ?? DEFAULT_LIMIT });
    }
    log(`Outpost issues ${otherQueries.length + 1} queries per search; the raw baseline issues only the search, verbatim. The others (guards):`);
    for (const q of otherQueries) log(`  ${q}…`);
    log(`search SQL: ${queries.get('{}')!.sql}`);

    raw = await startRaw(db.url, queries);
    const targets = { outpost: { port: t.port, headers }, raw: { port: raw.port, headers: {} as Record<string, string> } };

    // Both answer the same rows and totals.
    for (const s of SCENARIOS) {
      const get = async (k: keyof typeof targets) => {
        const r = await fetch(`http://127.0.0.1:${targets[k].port}/node/search`, {
          method: 'POST',
          headers: { ...targets[k].headers, 'content-type': 'application/json' },
          body: JSON.stringify(s.body),
        });
        assert.equal(r.status, 200, `${k} ${s.name}: ${r.status}`);
        return (await r.json()) as { meta: { total: number }; data: Array<{ id: string }> };
      };
      const [a, b] = [await get('outpost'), await get('raw')];
      assert.equal(a.meta.total, b.meta.total, `total differs for ${s.name}`);
      assert.deepEqual(
        a.data.map((x) => x.id),
        b.data.map((x) => x.id),
        `rows differ for ${s.name}`,
      );
      assert.deepEqual(Object.keys(a.data[0]).sort(), Object.keys(b.data[0]).sort(), `row fields differ for ${s.name}`);
      assert.deepEqual(a.data[0], b.data[0], `first row differs for ${s.name}`);
      log(`  ${s.name.padEnd(18)} ${JSON.stringify(s.body).padEnd(58)} total ${a.meta.total}, ${a.data.length} rows/page`);
    }

    const load = async (k: keyof typeof targets, bodies: unknown[], seconds: number): Promise<LoadSummary> =>
      summarize(
        await runLoad({
          host: '127.0.0.1',
          port: targets[k].port,
          path: '/node/search',
          headers: targets[k].headers,
          bodies,
          connections: CONNECTIONS,
          durationMs: seconds * 1000,
          maxRequests: MAX_REQUESTS,
        }),
      );

    log(`\nload: ${CONNECTIONS} keep-alive connections (node:http, worker thread), ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured per row, 127.0.0.1 only`);
    // JIT and pool warm-up for both before anything counts.
    const all = SCENARIOS.map((s) => s.body);
    await load('raw', all, WARMUP_SECONDS);
    await load('outpost', all, WARMUP_SECONDS);

    const rows: Array<Array<string | number>> = [];
    let mixedRatio = NaN;
    let mixed: { o: LoadSummary; r: LoadSummary } | undefined;
    for (const s of [...SCENARIOS.map((x) => ({ name: x.name, bodies: [x.body] })), { name: 'mixed (all 4)', bodies: all }]) {
      const res: Partial<Record<keyof typeof targets, LoadSummary>> = {};
      for (const k of ['raw', 'outpost'] as const) {
        await load(k, s.bodies, WARMUP_SECONDS);
        res[k] = await profiled(k === 'outpost' && s.bodies.length > 1, () => load(k, s.bodies, SECONDS));
        expectSane(res[k].count > 0 && res[k].errors === 0, `${k} ${s.name}: ${res[k].count} answered, ${res[k].errors} errors, statuses ${JSON.stringify(res[k].statusCounts)}`);
      }
      const o = res.outpost!;
      const r = res.raw!;
      const ratio = o.rps / r.rps;
      if (s.bodies.length > 1) {
        mixedRatio = ratio;
        mixed = { o, r };
      }
      rows.push([
        s.name,
        r.rps.toFixed(0),
        r.p50Ms.toFixed(2),
        r.p99Ms.toFixed(2),
        o.rps.toFixed(0),
        o.p50Ms.toFixed(2),
        o.p99Ms.toFixed(2),
        `${ratio.toFixed(2)}×`,
        `${(o.avgBytes / 1024).toFixed(1)}/${(r.avgBytes / 1024).toFixed(1)}`,
      ]);
      log(`  done: ${s.name}`);
    }

    log('\n' + table(['scenario', 'raw req/s', 'raw p50 ms', 'raw p99 ms', 'outpost req/s', 'outpost p50 ms', 'outpost p99 ms', 'outpost/raw', 'KiB/resp o/r'], rows));
    const met = mixedRatio >= TARGET_RATIO;
    log(`\nratio Outpost/raw throughput (mixed): ${mixedRatio.toFixed(2)}× — target ≥ ${TARGET_RATIO}×: ${met ? 'MET' : 'NOT MET'}`);
    writeResults([
      ratioResult({
        path: 'POST /node/search (mixed)',
        metric: 'throughput',
        value: mixed!.o.rps,
        baseline: mixed!.r.rps,
        unit: 'req/s',
        target: TARGET_RATIO,
        direction: 'higher',
        note: `p50 ${mixed!.o.p50Ms.toFixed(1)} ms vs ${mixed!.r.p50Ms.toFixed(1)} ms raw`,
        profile: 'BENCH_CPU_PROFILE=/tmp/search.cpuprofile node dist/bench/search.bench.js; node dist/bench/tools/cpuprofile-summary.js /tmp/search.cpuprofile',
      }),
    ]);
    log(`total bench time ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  } finally {
    if (raw) {
      await raw.app.close();
      await raw.pool.end();
    }
    if (outpost) await outpost.close();
    if (process.env.BENCH_KEEP_DB === '1') log(`kept database ${db.url}`);
    else {
      await db.drop();
      log(`dropped database ${db.name}`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
