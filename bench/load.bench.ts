/**
 * `npm run bench:load` — mixed API traffic from 200 keep-alive connections for 60 s, first against
 * ONE API process directly, then against TWO replicas behind Debian's haproxy (round robin, no
 * stickiness; test/scale/haproxy.ts), in the same run, on the same database and Redis.
 *
 * The replicas are the real program (`dist/src/main.js`, test/helpers/api-process.ts), both on one
 * throwaway database and the local Redis (so rate limits and fan-out are shared as in production).
 * Both run during the whole bench; in the "1 replica" row the second one only idles.
 *
 * Tenants (through the real API on replica A, bulk rows in SQL): DOMAINS domains, each with an
 * Admin user who drives the traffic, USERS_PER_DOMAIN more Member users, one workload,
 * NODES_PER_DOMAIN `node` rows and SERVERS_PER_DOMAIN `gameserver` rows (rows only: searches,
 * reads, renames and console tokens need no container; POST /gameserver/:id/console-token only
 * looks the server up and signs a token).
 *
 * The mix (MIX below, weights out of 100), every request with the domain Admin's bearer token and
 * x-takaro-domain, spread over all domains, servers and nodes:
 *   searches 35: POST /node/search (4 bodies of bench:search) 20, POST /gameserver/search 15
 *   reads 35:    GET /gameserver/:id 15, GET /node/:id 10, GET /gameserver/:id/startup 5, GET /me 5
 *   mutations 20: PUT /gameserver/:id {name} 12, PUT /node/:id {location} 8 (both audited)
 *   console tokens 10: POST /gameserver/:id/console-token
 * Every request expects its success status (200, console token 201); anything else, or a network
 * error, counts as an error (there must be none).
 *
 * Reported per configuration: req/s, p50/p99 (overall and per class), errors and statuses, which
 * replica answered (haproxy's X-Outpost-Backend), each replica's CPU during the run; PostgreSQL
 * connections of the bench database (pg_stat_activity, by state and application_name) before the
 * run (at idle), right after it and BENCH_SETTLE_SECONDS (40) later. The leak check: connections
 * idle for more than 35 s (longer than any pool's idle timeout, so a pool would have closed them:
 * they are checked out and never returned) must be no more after the run than before it, and none
 * "idle in transaction". The total is shown too but moves with background jobs. Each replica's
 * RSS and CPU at idle before the load and after it.
 *
 * Env: BENCH_CONNECTIONS (200), BENCH_SECONDS (60), BENCH_WARMUP_SECONDS (5), BENCH_IDLE_SECONDS
 * (CPU-at-idle window, 10), BENCH_MAX_REQUESTS (cap per run, 2,000,000), BENCH_SETTLE_SECONDS (wait after
 * each run before the leak check, 40, at least 40), BENCH_REDIS_URL (redis://127.0.0.1:6379),
 * BENCH_KEEP_DB=1. BENCH_SMOKE=1: 10 connections, 1.5 s, 2 domains; same code path, and every request
 * must succeed and no connection may be left over (bench/lib/smoke.ts).
 */
import assert from 'node:assert/strict';
import os from 'node:os';
import { Client } from 'pg';
import { ApiProcess, callApi, spawnApi } from '../test/helpers/api-process';
import { PASSWORD } from '../test/helpers/fixtures';
import { Haproxy, HAPROXY_BACKEND_HEADER, haproxyVersion, startHaproxy } from '../test/scale/haproxy';
import { envNumber, table } from './lib/load';
import { MixedSummary, MixRequest, runMixedLoad, summarizeMixed, weightedSchedule } from './lib/mixed-load';
import { migratedDatabase } from './lib/outpost';
import { cpuPercent, mib, sampleProc } from './lib/proc-stats';
import { isMet, ratioResult, writeResults, type BenchResult } from './lib/results';
import { expectSane, sized, SMOKE } from './lib/smoke';

const CONNECTIONS = Math.floor(envNumber('BENCH_CONNECTIONS', sized(200, 10)));
const SECONDS = envNumber('BENCH_SECONDS', sized(60, 1.5));
const WARMUP_SECONDS = envNumber('BENCH_WARMUP_SECONDS', sized(5, 0.5));
const IDLE_SECONDS = envNumber('BENCH_IDLE_SECONDS', sized(10, 0.5));
const MAX_REQUESTS = Math.floor(envNumber('BENCH_MAX_REQUESTS', 2_000_000));
// The app's pg pool closes idle clients after 30 s (src/core/database/data-source-options.ts).
const POOL_IDLE_MS = 30_000;
// Longer than every pool's idle timeout (app 30 s, upload locks 10 s, pg-boss's own).
const STALE_SECONDS = 35;
// Smoke mode does not wait for pools to settle (it would be most of CI's time for this bench): its run is too
// short for a connection to go stale, so only "idle in transaction" and the error count are checked there.
const SETTLE_SECONDS = SMOKE ? 0 : Math.max(STALE_SECONDS + 5, envNumber('BENCH_SETTLE_SECONDS', 40));
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LB_HEALTH_CHECK = ['timeout check 10s', 'default-server inter 2s fall 3 rise 2'];
const DOMAINS = sized(5, 2);
const USERS_PER_DOMAIN = sized(10, 2);
const NODES_PER_DOMAIN = sized(200, 30);
const SERVERS_PER_DOMAIN = sized(100, 10);
const SCHEDULE_LENGTH = 5000;

/** Weights out of 100; see the header. */
const MIX: Record<string, number> = {
  'search nodes': 20,
  'search servers': 15,
  'get server': 15,
  'get node': 10,
  'get startup': 5,
  'get me': 5,
  'rename server': 12,
  'relocate node': 8,
  'console token': 10,
};
const NODE_SEARCHES = [{}, { search: { name: 'berlin' } }, { filters: { status: 'pending' } }, { sortBy: 'name', sortDirection: 'asc', page: 1 }];
const SERVER_SEARCHES = [{}, { search: { name: 'srv-1' } }, { sortBy: 'name', sortDirection: 'desc' }];
const CITIES = ['amsterdam', 'berlin', 'chicago', 'dublin', 'frankfurt', 'helsinki', 'london', 'madrid', 'paris', 'warsaw'];

const REPLICA_ENV = {
  REDIS_URL,
  NODE_ENV: 'production',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  // 200 connections from one address: the per-address limits would be the bottleneck.
  RATE_LIMIT_PER_MINUTE: '1000000000',
  LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  TRUST_PROXY: '127.0.0.1',
};

const log = (...a: unknown[]) => console.log(...a);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

interface Tenant {
  domainId: string;
  adminUsername: string;
  token: string;
  serverIds: string[];
  nodeIds: string[];
}

interface Replica {
  name: string;
  api: ApiProcess;
}

// ───────────────────────────── seeding ─────────────────────────────

async function ok(api: ApiProcess, method: string, path: string, status: number, opts: { token?: string; domainId?: string; body?: unknown } = {}): Promise<any> {
  const r = await callApi(api, method, path, opts);
  assert.equal(r.status, status, `${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
  return r.body.data;
}

async function login(api: Pick<ApiProcess, 'url'>, username: string): Promise<string> {
  const r = await callApi(api, 'POST', '/login', { body: { username, password: PASSWORD } });
  assert.equal(r.status, 200, `login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data.token as string;
}

async function seed(api: ApiProcess, pg: Client): Promise<Tenant[]> {
  const boot = await ok(api, 'POST', '/auth/bootstrap', 201, { body: { username: 'admin', email: 'admin@example.com', password: PASSWORD, domainName: 'Tenant 0' } });
  const adminToken: string = boot.token;
  const domainIds: string[] = [boot.domainId];
  for (let d = 1; d < DOMAINS; d++) domainIds.push((await ok(api, 'POST', '/domain', 201, { token: adminToken, body: { name: `Tenant ${d}` } })).id);
  const tenants: Tenant[] = [];
  for (const [d, domainId] of domainIds.entries()) {
    const as = { token: adminToken, domainId };
    const roles: Array<{ id: string; name: string }> = await ok(api, 'POST', '/role/search', 200, { ...as, body: {} });
    const roleId = (name: string) => roles.find((r) => r.name === name)!.id;
    const adminUsername = `ops-${d}`;
    await ok(api, 'POST', '/user', 201, { ...as, body: { username: adminUsername, email: `${adminUsername}@example.com`, password: PASSWORD, roleIds: [roleId('Admin')] } });
    for (let u = 0; u < USERS_PER_DOMAIN; u++) {
      const username = `player-${d}-${u}`;
      await ok(api, 'POST', '/user', 201, { ...as, body: { username, email: `${username}@example.com`, password: PASSWORD, roleIds: [roleId('Member')] } });
    }
    const workload = await ok(api, 'POST', '/workload/from-template', 201, { ...as, body: { template: 'echo-server', name: `workload-${d}` } });
    // Rows only (no agent, no container), like bench:search; the statuses vary so the filters have work to do.
    const { rows: nodes } = await pg.query<{ id: string }>(
      `INSERT INTO node ("domainId", name, address, tags, location, "memoryMiB", "diskMiB", "cpuPercent", status, scheduling, "createdAt", "updatedAt")
       SELECT $1, ($2::text[])[1 + g % 10] || '-' || lpad(g::text, 4, '0'), '10.' || (g / 256) || '.' || (g % 256) || '.1',
              ARRAY['tier-' || (g % 3)], ($2::text[])[1 + g % 10], 65536, 1048576, 3200,
              (ARRAY['pending','online','offline'])[1 + (g * 7) % 3], 'active', now() - (g || ' minutes')::interval, now()
         FROM generate_series(1, $3::int) AS g RETURNING id`,
      [domainId, CITIES, NODES_PER_DOMAIN],
    );
    const nodeIds = nodes.map((n) => n.id);
    const { rows: servers } = await pg.query<{ id: string }>(
      `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids)
       SELECT $1, 'srv-' || g, $2, ($3::uuid[])[1 + g % array_length($3::uuid[], 1)], 'outpost/echo-server:local', 256, 50, 1024, 64
         FROM generate_series(1, $4::int) AS g RETURNING id`,
      [domainId, workload.id, nodeIds, SERVERS_PER_DOMAIN],
    );
    tenants.push({ domainId, adminUsername, token: '', serverIds: servers.map((s) => s.id), nodeIds });
  }
  await pg.query('ANALYZE');
  return tenants;
}

// ───────────────────────────── traffic ─────────────────────────────

function schedule(tenants: Tenant[]): MixRequest[] {
  return weightedSchedule(MIX, SCHEDULE_LENGTH, (kind, i) => {
    const t = tenants[i % tenants.length];
    const headers = { authorization: `Bearer ${t.token}`, 'x-takaro-domain': t.domainId };
    // Walk the tenant's servers and nodes with a stride so consecutive picks differ.
    const j = Math.floor(i / tenants.length);
    const server = t.serverIds[(j * 7) % t.serverIds.length];
    const node = t.nodeIds[(j * 13) % t.nodeIds.length];
    switch (kind) {
      case 'search nodes':
        return { kind, method: 'POST', path: '/node/search', headers, body: NODE_SEARCHES[j % NODE_SEARCHES.length], expect: 200 };
      case 'search servers':
        return { kind, method: 'POST', path: '/gameserver/search', headers, body: SERVER_SEARCHES[j % SERVER_SEARCHES.length], expect: 200 };
      case 'get server':
        return { kind, method: 'GET', path: `/gameserver/${server}`, headers, expect: 200 };
      case 'get node':
        return { kind, method: 'GET', path: `/node/${node}`, headers, expect: 200 };
      case 'get startup':
        return { kind, method: 'GET', path: `/gameserver/${server}/startup`, headers, expect: 200 };
      case 'get me':
        return { kind, method: 'GET', path: '/me', headers, expect: 200 };
      case 'rename server':
        return { kind, method: 'PUT', path: `/gameserver/${server}`, headers, body: { name: `srv-${j}-${i % 2 ? 'a' : 'b'}` }, expect: 200 };
      case 'relocate node':
        return { kind, method: 'PUT', path: `/node/${node}`, headers, body: { location: CITIES[i % CITIES.length] }, expect: 200 };
      case 'console token':
        return { kind, method: 'POST', path: `/gameserver/${server}/console-token`, headers, expect: 201 };
      default:
        throw new Error(`no request for ${kind}`);
    }
  });
}

// ───────────────────────────── measurements ─────────────────────────────

interface PgConnections {
  total: number;
  /** Idle for longer than every pool's idle timeout: a pool would have closed it, so it is checked out and never returned (or long-lived by design, then also there before). */
  stale: number;
  byState: Record<string, number>;
  byApp: Record<string, number>;
}

async function pgConnections(pg: Client, database: string): Promise<PgConnections> {
  const { rows } = await pg.query<{ state: string | null; app: string; n: number; stale: number }>(
    `SELECT state, application_name AS app, count(*)::int AS n,
            count(*) FILTER (WHERE state = 'idle' AND state_change < now() - make_interval(secs => $2))::int AS stale
       FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() GROUP BY 1, 2`,
    [database, STALE_SECONDS],
  );
  const byState: Record<string, number> = {};
  const byApp: Record<string, number> = {};
  for (const r of rows) {
    byState[r.state ?? 'null'] = (byState[r.state ?? 'null'] ?? 0) + r.n;
    byApp[r.app || '(app pool)'] = (byApp[r.app || '(app pool)'] ?? 0) + r.n;
  }
  return { total: rows.reduce((a, r) => a + r.n, 0), stale: rows.reduce((a, r) => a + r.stale, 0), byState, byApp };
}

const fmtPg = (c: PgConnections) =>
  `${c.total}, ${c.stale} idle > ${STALE_SECONDS} s (${Object.entries(c.byState)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}; ${Object.entries(c.byApp)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')})`;

/**
 * Waits SETTLE_SECONDS (longer than STALE_SECONDS) after a run: by then every client the run
 * checked out and returned has been idle in its pool long enough to be closed, so a "stale"
 * connection that was not there before is one the run never returned.
 */
async function settle(pg: Client, database: string): Promise<{ after: PgConnections; seconds: number }> {
  const t0 = Date.now();
  await sleep(SETTLE_SECONDS * 1000);
  return { after: await pgConnections(pg, database), seconds: (Date.now() - t0) / 1000 };
}

interface IdleCost {
  rssMiB: number;
  cpuPercent: number;
}

/** Each replica's RSS and CPU (% of a core) over an idle window of IDLE_SECONDS. */
async function idleCost(replicas: Replica[]): Promise<Record<string, IdleCost>> {
  const a = replicas.map((r) => sampleProc(r.api.child.pid!));
  await sleep(IDLE_SECONDS * 1000);
  const b = replicas.map((r) => sampleProc(r.api.child.pid!));
  return Object.fromEntries(replicas.map((r, i) => [r.name, { rssMiB: mib(b[i].rssBytes), cpuPercent: cpuPercent(a[i], b[i]) }]));
}

interface ConfigResult {
  name: string;
  warmupErrors: number;
  summary: MixedSummary;
  backends: Record<string, number>;
  errorSamples: string[];
  cpuDuring: Record<string, number>;
  rssAfter: Record<string, number>;
  pgBefore: PgConnections;
  pgRightAfter: PgConnections;
  pgSettled: PgConnections;
  settleSeconds: number;
}

async function runConfig(name: string, port: number, all: Replica[], tenants: Tenant[], pg: Client, database: string): Promise<ConfigResult> {
  // Fresh access tokens (they live 15 min), logged in through the target itself.
  for (const t of tenants) t.token = await login({ url: `http://127.0.0.1:${port}` }, t.adminUsername);
  const requests = schedule(tenants);
  const opts = { host: '127.0.0.1' as const, port, requests, connections: CONNECTIONS, maxRequests: MAX_REQUESTS, countHeader: HAPROXY_BACKEND_HEADER };
  const pgBefore = await pgConnections(pg, database);
  log(`\n${name}: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured; load average ${loadavg()}`);
  const warm = summarizeMixed(await runMixedLoad({ ...opts, durationMs: WARMUP_SECONDS * 1000 }));
  const before = all.map((r) => sampleProc(r.api.child.pid!));
  const raw = await runMixedLoad({ ...opts, durationMs: SECONDS * 1000 });
  const after = all.map((r) => sampleProc(r.api.child.pid!));
  const summary = summarizeMixed(raw);
  const pgRightAfter = await pgConnections(pg, database);
  log(`  ${summary.count} answered (${summary.rps.toFixed(0)} req/s), ${summary.errors} errors (warm-up: ${warm.count} answered, ${warm.errors} errors); load average ${loadavg()}`);
  for (const e of raw.errorSamples) log(`  ! ${e}`);
  log(`  pg connections before ${fmtPg(pgBefore)}; right after ${fmtPg(pgRightAfter)}`);
  const { after: pgSettled, seconds } = await settle(pg, database);
  log(`  pg connections ${seconds.toFixed(0)} s later: ${fmtPg(pgSettled)}`);
  const cpuDuring: Record<string, number> = {};
  const rssAfter: Record<string, number> = {};
  all.forEach((r, i) => {
    cpuDuring[r.name] = cpuPercent(before[i], after[i]);
    rssAfter[r.name] = mib(after[i].rssBytes);
  });
  return { name, warmupErrors: warm.errors, summary, backends: raw.headerCounts, errorSamples: raw.errorSamples, cpuDuring, rssAfter, pgBefore, pgRightAfter, pgSettled, settleSeconds: seconds };
}

// ───────────────────────────── main ─────────────────────────────

async function main(): Promise<void> {
  const startedAt = Date.now();
  log(`# bench:load — ${new Date().toISOString()}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
  log(`load average at start ${loadavg()} (1/5/15 min)${os.loadavg()[0] > os.cpus().length ? ': a busy machine, the figures are low and noisy' : ''}`);
  log(haproxyVersion());
  const db = await migratedDatabase();
  const database = new URL(db.url).pathname.slice(1);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const replicas: Replica[] = [];
  let lb: Haproxy | undefined;
  try {
    for (const name of ['a', 'b']) replicas.push({ name, api: await spawnApi({ databaseUrl: db.url, env: REPLICA_ENV, readyTimeoutMs: 120_000 }) });
    log(`replicas: ${replicas.map((r) => `${r.name} pid ${r.api.child.pid} ${r.api.url}`).join(', ')}; Redis ${REDIS_URL}; database ${database}`);
    const seedStart = Date.now();
    const tenants = await seed(replicas[0].api, pg);
    log(`seeded ${DOMAINS} domains × (1 Admin + ${USERS_PER_DOMAIN} Member users, 1 workload, ${NODES_PER_DOMAIN} nodes, ${SERVERS_PER_DOMAIN} game servers) in ${Date.now() - seedStart} ms`);
    log(
      `mix (weights of 100): ${Object.entries(MIX)
        .map(([k, w]) => `${k} ${w}`)
        .join(', ')}`,
    );
    // test/scale's fast-failover check (every 300 ms, the interval as its timeout, down after 2 misses) takes a
    // replica that answers /readyz slowly under 100 connections for a dead one, and haproxy then answers 503
    // itself; the bench checks like docker/haproxy.cfg (every 2 s) with room for a queued /readyz.
    lb = await startHaproxy(
      replicas.map((r) => ({ name: r.name, port: r.api.port })),
      { healthCheck: LB_HEALTH_CHECK },
    );
    log(`haproxy on ${lb.url} in front of a and b (round robin, no stickiness; health check: ${LB_HEALTH_CHECK.join(', ')})`);

    // Idle until the pools have closed what start-up and seeding opened (their idle timeout is 30 s),
    // so that "before" is the idle baseline the runs are compared with.
    const seeded = Date.now();
    await sleep(IDLE_SECONDS * 1000);
    const idleBefore = await idleCost(replicas);
    if (!SMOKE) await sleep(Math.max(0, seeded + POOL_IDLE_MS + 2000 - Date.now()));
    log(
      `idle before load: ${Object.entries(idleBefore)
        .map(([k, v]) => `${k} RSS ${v.rssMiB.toFixed(1)} MiB, CPU ${v.cpuPercent.toFixed(2)} %`)
        .join('; ')} (over ${IDLE_SECONDS} s)`,
    );

    const direct = await runConfig('1 replica (a, direct)', replicas[0].api.port, replicas, tenants, pg, database);
    const balanced = await runConfig('2 replicas (haproxy → a, b)', lb.port, replicas, tenants, pg, database);
    const lbStats = await lb.stats();
    log(
      `haproxy after the runs: ${Object.entries(lbStats)
        .map(([k, v]) => `${k} ${v.status}, ${v.requests} requests`)
        .join('; ')}`,
    );
    const idleAfter = await idleCost(replicas);
    log(
      `idle after load: ${Object.entries(idleAfter)
        .map(([k, v]) => `${k} RSS ${v.rssMiB.toFixed(1)} MiB, CPU ${v.cpuPercent.toFixed(2)} %`)
        .join('; ')} (over ${IDLE_SECONDS} s)`,
    );

    const configs = [direct, balanced];
    log(
      '\n' +
        table(
          ['configuration', 'req/s', 'p50 ms', 'p99 ms', 'answered', 'errors', 'answered by', 'CPU % a / b', 'pg conns before → after → settled'],
          configs.map((c) => [
            c.name,
            c.summary.rps.toFixed(0),
            c.summary.p50Ms.toFixed(1),
            c.summary.p99Ms.toFixed(1),
            c.summary.count,
            c.summary.errors + c.warmupErrors,
            Object.entries(c.backends).length
              ? Object.entries(c.backends)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')
              : 'a (direct)',
            `${c.cpuDuring.a.toFixed(0)} / ${c.cpuDuring.b.toFixed(0)}`,
            `${c.pgBefore.total} → ${c.pgRightAfter.total} → ${c.pgSettled.total}, stale ${c.pgBefore.stale} → ${c.pgSettled.stale}`,
          ]),
        ),
    );
    const kinds = Object.keys(MIX);
    log(
      '\n' +
        table(
          ['p50 / p99 ms by class', ...configs.map((c) => c.name)],
          kinds.map((k) => [`${k} (${MIX[k]})`, ...configs.map((c) => `${c.summary.byKind[k].p50Ms.toFixed(1)} / ${c.summary.byKind[k].p99Ms.toFixed(1)} (${c.summary.byKind[k].count})`)]),
        ),
    );
    log(
      '\n' +
        table(
          ['replica cost', 'a', 'b'],
          [
            ['RSS idle before load, MiB', idleBefore.a.rssMiB.toFixed(1), idleBefore.b.rssMiB.toFixed(1)],
            ['CPU idle before load, % of a core', idleBefore.a.cpuPercent.toFixed(2), idleBefore.b.cpuPercent.toFixed(2)],
            ...configs.map((c) => [`RSS at the end of "${c.name}", MiB`, c.rssAfter.a.toFixed(1), c.rssAfter.b.toFixed(1)]),
            ['RSS idle after load, MiB', idleAfter.a.rssMiB.toFixed(1), idleAfter.b.rssMiB.toFixed(1)],
            ['CPU idle after load, % of a core', idleAfter.a.cpuPercent.toFixed(2), idleAfter.b.cpuPercent.toFixed(2)],
          ],
        ),
    );
    log(`\nload average at the end ${loadavg()}`);

    const results: BenchResult[] = [];
    for (const c of configs) {
      const errors = c.summary.errors + c.warmupErrors;
      const leaked = c.pgSettled.stale - c.pgBefore.stale;
      results.push({
        path: `mixed API load, ${c.name}`,
        metric: 'errors',
        value: errors,
        baseline: null,
        ratio: null,
        unit: 'requests',
        target: 0,
        targetOn: 'value',
        direction: 'lower',
        met: isMet('lower', errors, 0) && leaked <= 0,
        note: `${c.summary.rps.toFixed(0)} req/s, p50 ${c.summary.p50Ms.toFixed(1)} ms, p99 ${c.summary.p99Ms.toFixed(1)} ms, ${CONNECTIONS} connections; pg connections ${c.pgBefore.total} → ${c.pgSettled.total} after settling, idle > ${STALE_SECONDS} s ${c.pgBefore.stale} → ${c.pgSettled.stale}`,
      });
      expectSane(
        c.summary.count > 0 && errors === 0,
        `${c.name}: ${c.summary.count} answered, ${errors} errors, statuses ${JSON.stringify(Object.fromEntries(kinds.map((k) => [k, c.summary.byKind[k].statusCounts])))}`,
      );
      expectSane(
        kinds.every((k) => c.summary.byKind[k].count > 0),
        `${c.name}: a traffic class got no answer`,
      );
      expectSane(
        leaked <= 0,
        `${c.name}: ${c.pgSettled.stale} pg connections idle > ${STALE_SECONDS} s ${c.settleSeconds.toFixed(0)} s after the run, ${c.pgBefore.stale} before: never returned to their pool`,
      );
      expectSane(!c.pgSettled.byState['idle in transaction'], `${c.name}: ${c.pgSettled.byState['idle in transaction']} connections idle in transaction after the run`);
    }
    expectSane(
      Object.keys(balanced.backends).length === 2 && Object.values(balanced.backends).every((n) => n > 0),
      `2 replicas: answers by ${JSON.stringify(balanced.backends)}, expected both a and b`,
    );
    // Informational: what the second replica buys on this machine (the baseline is the single replica).
    results.push(
      ratioResult({
        path: 'mixed API load, 2 replicas vs 1',
        metric: 'throughput',
        value: balanced.summary.rps,
        baseline: direct.summary.rps,
        unit: 'req/s',
        target: null,
        direction: 'higher',
        note: `p99 ${balanced.summary.p99Ms.toFixed(1)} vs ${direct.summary.p99Ms.toFixed(1)} ms; idle RSS per replica ${idleBefore.a.rssMiB.toFixed(0)} / ${idleBefore.b.rssMiB.toFixed(0)} MiB`,
      }),
    );
    writeResults(results);
    if (SMOKE) log('smoke run: the figures mean nothing');
    log(`total bench time ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  } finally {
    if (lb) await lb.stop();
    await Promise.all(replicas.map((r) => r.api.kill('SIGTERM')));
    await pg.end();
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
