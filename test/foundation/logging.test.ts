import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACT_PATHS } from '../../src/core/logging/logging';

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
});
