import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import pino from 'pino';
import { NestLogger, REDACT_PATHS } from '../../src/core/logging/logging';
import { ApiProcess, spawnApi } from '../helpers/api-process';
import { createThrowawayDatabase, ThrowawayDatabase } from '../helpers/test-db';
import { waitFor } from '../helpers/wait';

/** Logs one line through the app's request logger (loggerParams) in a child whose stdout is a pipe, not a terminal. */
function logInChild(formatArg: string): string {
  const logging = join(__dirname, '../../src/core/logging/logging.js');
  const script = `
    const { loggerParams } = require(${JSON.stringify(logging)});
    const { pinoHttp } = require('pino-http');
    const p = loggerParams('info'${formatArg}).pinoHttp;
    const { logger } = Array.isArray(p) ? pinoHttp(p[0], p[1]) : pinoHttp(p);
    logger.info({ token: 'outpost_secret_in_child' }, 'hello from the child');`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '../..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('structured logs', () => {
  let db: ThrowawayDatabase;
  let api: ApiProcess;

  before(async () => {
    db = await createThrowawayDatabase();
    api = await spawnApi({ databaseUrl: db.url, env: { LOG_LEVEL: 'info' } });
  });
  after(async () => {
    await api?.kill();
    await db?.drop();
  });

  it('of the real API process log every request but none of the credentials in its headers and bodies', async () => {
    const send = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => {
      const res = await fetch(`${api.url}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as any };
    };
    // Each secret is unique, so finding it anywhere in the output means it was logged.
    const S = {
      password: 'pw-secret-0001-horse',
      newPassword: 'pw-secret-0002-battery',
      cookie: 'cookie-secret-0003',
      apiKey: 'apikey-secret-0004',
      agentToken: 'agenttoken-secret-0005',
      transferToken: 'transfertoken-secret-0006',
      challengeToken: 'challenge-secret-0007',
      mfaCode: 'mfacode-secret-0008',
      inviteToken: 'invite-secret-0009',
      registerToken: 'register-secret-0010',
      queryToken: 'querytoken-secret-0011',
      downloadToken: 'downloadtoken-secret-0012',
    };
    const boot = await send('POST', '/auth/bootstrap', {}, { username: 'logadmin', email: 'logadmin@example.com', password: S.password, domainName: 'Logs' });
    assert.equal(boot.status, 201, JSON.stringify(boot.body));
    const { token, refreshToken } = boot.body.data as { token: string; refreshToken: string };
    const auth = { authorization: `Bearer ${token}` };
    const me = await send('GET', '/me', {
      ...auth,
      cookie: `session=${S.cookie}`,
      'x-api-key': S.apiKey,
      'x-agent-token': S.agentToken,
      'x-transfer-token': S.transferToken,
      'x-takaro-domain': boot.body.data.domainId,
    });
    assert.equal(me.status, 200, JSON.stringify(me.body));
    const login = await send('POST', '/login', {}, { username: 'logadmin', password: S.password });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const refresh = await send('POST', '/auth/refresh', {}, { refreshToken: login.body.data.refreshToken });
    assert.equal(refresh.status, 200, JSON.stringify(refresh.body));
    const verify = await send('POST', '/auth/mfa/verify', {}, { challengeToken: S.challengeToken, code: S.mfaCode });
    assert.equal(verify.status, 401, JSON.stringify(verify.body));
    const accept = await send('POST', '/membership/accept', auth, { token: S.inviteToken });
    assert.equal(accept.status, 404, JSON.stringify(accept.body));
    const register = await send('POST', '/agent/register', {}, { registerToken: S.registerToken, hostname: 'log-host', agentVersion: '1.0.0' });
    assert.equal(register.status, 401, JSON.stringify(register.body));
    const transfer = await send('GET', '/agent/transfer/00000000-0000-4000-8000-000000000000', { 'x-agent-token': S.agentToken, 'x-transfer-token': S.transferToken });
    assert.equal(transfer.status, 401, JSON.stringify(transfer.body));
    // The console socket's token travels in the query: a plain GET to that path is logged with the value blanked.
    const consoleGet = await send('GET', `/gameserver/00000000-0000-4000-8000-000000000000/console?token=${S.queryToken}&since=1`);
    assert.equal(consoleGet.status, 404, JSON.stringify(consoleGet.body));
    // A one-use backup download link is a credential in the path.
    const download = await send('GET', `/backup/download/${S.downloadToken}`);
    assert.equal(download.status, 404, JSON.stringify(download.body));
    const enroll = await send('POST', '/auth/mfa/enroll', auth);
    assert.equal(enroll.status, 200, JSON.stringify(enroll.body));
    // Last: a password change ends the sessions.
    const change = await send('PUT', `/user/${me.body.data.user.id}`, auth, { currentPassword: S.password, password: S.newPassword });
    assert.equal(change.status, 200, JSON.stringify(change.body));

    // The request lines are written when each response ends: wait for the last one.
    await waitFor('the request line of PUT /user/:id', () => api.output().includes(`"url":"/user/${me.body.data.user.id}"`));
    const out = api.output();
    const logged = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { req?: { method: string; url: string; headers: Record<string, string> } })
      .filter((l) => l.req)
      .map((l) => `${l.req!.method} ${l.req!.url}`);
    for (const line of [
      'POST /auth/bootstrap',
      'GET /me',
      'POST /login',
      'POST /auth/refresh',
      'POST /auth/mfa/verify',
      'POST /membership/accept',
      'POST /agent/register',
      'GET /gameserver/00000000-0000-4000-8000-000000000000/console?token=[redacted]&since=1',
      'GET /backup/download/[redacted]',
      'POST /auth/mfa/enroll',
      `PUT /user/${me.body.data.user.id}`,
    ]) {
      assert.ok(logged.includes(line), `${line} was logged: ${logged.join(', ')}`);
    }
    const leaks = [...Object.entries(S), ['accessToken', token], ['refreshToken', refreshToken], ['loginRefreshToken', login.body.data.refreshToken], ['mfaSecret', enroll.body.data.secret]].filter(
      ([, v]) => out.includes(v),
    );
    assert.deepEqual(
      leaks.map(([k]) => k),
      [],
    );
    for (const h of ['authorization', 'cookie', 'x-api-key', 'x-agent-token', 'x-transfer-token']) assert.ok(out.includes(`"${h}":"[redacted]"`), `${h} is logged, blanked`);
  });

  it('blank every listed path in a logger built from REDACT_PATHS', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    log.info(
      {
        req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'takaro-domain=x', 'x-api-key': 'outpost_key', 'x-agent-token': 'outpost_agent_x', 'x-transfer-token': 'outpost_transfer_x' } },
      },
      'request',
    );
    log.info(
      { body: { password: 'hunter2-hunter2', token: 'outpost_secret', refreshToken: 'outpost_rt_x', currentPassword: 'old-pw-x', challengeToken: 'outpost_ch_x', registerToken: 'outpost_reg_x' } },
      'body',
    );
    const out = lines.join('');
    for (const secret of [
      'abc.def.ghi',
      'takaro-domain=x',
      'outpost_key',
      'outpost_agent_x',
      'outpost_transfer_x',
      'hunter2',
      'outpost_secret',
      'outpost_rt_x',
      'old-pw-x',
      'outpost_ch_x',
      'outpost_reg_x',
    ]) {
      assert.ok(!out.includes(secret), `${secret} leaked into the log`);
    }
    assert.match(out, /\[redacted\]/);
  });

  it('are JSON lines when stdout is not a terminal, human-readable lines when asked for pretty; both redacted', () => {
    const json = logInChild('');
    const lines = json.trim().split('\n');
    assert.equal(lines.length, 1, json);
    const line = JSON.parse(lines[0]) as { msg: string; token: string; level: number };
    assert.equal(line.msg, 'hello from the child');
    assert.equal(line.token, '[redacted]');

    const pretty = logInChild(", 'pretty'");
    assert.throws(() => JSON.parse(pretty.trim()), 'pretty output is not JSON');
    assert.match(pretty, /INFO.*hello from the child/);
    assert.ok(!pretty.includes('outpost_secret_in_child'), pretty);
  });

  it("move Nest's module and route-mapping chatter to debug, and keep everything else at its level", () => {
    const calls: string[] = [];
    const inner = {
      log: (m: unknown, ctx: unknown) => void calls.push(`info ${ctx}: ${m}`),
      debug: (m: unknown, ctx: unknown) => void calls.push(`debug ${ctx}: ${m}`),
      error: (m: unknown, ctx: unknown) => void calls.push(`error ${ctx}: ${m}`),
      warn: (m: unknown, ctx: unknown) => void calls.push(`warn ${ctx}: ${m}`),
    };
    const logger = new NestLogger(inner);
    logger.log('Mapped {/node/search, POST} route', 'RouterExplorer');
    logger.log('NodeController {/node}:', 'RoutesResolver');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.warn('disk almost full', 'FilesService');
    assert.deepEqual(calls, [
      'debug RouterExplorer: Mapped {/node/search, POST} route',
      'debug RoutesResolver: NodeController {/node}:',
      'debug InstanceLoader: AppModule dependencies initialized',
      'info NestApplication: Nest application successfully started',
      'warn FilesService: disk almost full',
    ]);
  });
});
