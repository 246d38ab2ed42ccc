import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Writable } from 'node:stream';
import pino from 'pino';
import { NestLogger, REDACT_PATHS } from '../../src/core/logging/logging';

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
  it('never contain credentials: auth headers, cookies, api keys, passwords, tokens', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    log.info({ req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'takaro-domain=x', 'x-api-key': 'outpost_key', 'x-agent-token': 'outpost_agent_x' } } }, 'request');
    log.info({ body: { password: 'hunter2-hunter2', token: 'outpost_secret', refreshToken: 'outpost_rt_x' } }, 'body');
    const out = lines.join('');
    for (const secret of ['abc.def.ghi', 'takaro-domain=x', 'outpost_key', 'outpost_agent_x', 'hunter2', 'outpost_secret', 'outpost_rt_x']) {
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
