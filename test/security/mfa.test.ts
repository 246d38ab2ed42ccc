import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authenticator } from 'otplib';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, PASSWORD, Session } from '../helpers/fixtures';

/** A code for the time step `steps` after now (inside the server's ±1 window). */
const codeAt = (secret: string, steps: number) => authenticator.clone({ epoch: Date.now() + steps * 30_000 }).generate(secret);

/** TOTP codes and MFA challenges are single-use. */
describe('MFA replay', () => {
  let t: TestApp;
  let root: Session;

  before(async () => {
    t = await createTestApp();
    root = await bootstrapAdmin(t, 'Mfa');
  });
  after(async () => {
    await t.close();
  });

  async function enrolled(name: string): Promise<{ secret: string; confirmCode: string; recoveryCodes: string[] }> {
    const u = await createMember(t, root, root.domainId, name);
    const enrol = await t.request('POST', '/auth/mfa/enroll', { token: u.token });
    assert.equal(enrol.status, 200, enrol.text);
    const secret = enrol.body.data.secret as string;
    const confirmCode = codeAt(secret, 0);
    const confirm = await t.request('POST', '/auth/mfa/confirm', { token: u.token, body: { code: confirmCode } });
    assert.equal(confirm.status, 200, confirm.text);
    return { secret, confirmCode, recoveryCodes: confirm.body.data.recoveryCodes };
  }
  const challenge = async (username: string) => {
    const r = await t.request('POST', '/login', { body: { username, password: PASSWORD } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.mfaRequired, true);
    return r.body.data.challengeToken as string;
  };
  const verify = (challengeToken: string, code: string) => t.request('POST', '/auth/mfa/verify', { body: { challengeToken, code } });

  it('a TOTP code works once: the code spent at confirmation, or at a login, is refused next time', async () => {
    const { secret, confirmCode } = await enrolled('replayer');
    const replay = await verify(await challenge('replayer'), confirmCode);
    assert.equal(replay.status, 401, 'the confirmation code is spent');
    assert.match(replay.body.meta.error.message, /Invalid MFA code/);
    const next = codeAt(secret, 1);
    assert.equal((await verify(await challenge('replayer'), next)).status, 200);
    assert.equal((await verify(await challenge('replayer'), next)).status, 401, 'the login code is spent too');
  });

  it('the same code sent twice at once logs in only once', async () => {
    const { secret } = await enrolled('racer');
    const [c1, c2] = [await challenge('racer'), await challenge('racer')];
    const code = codeAt(secret, 1);
    const results = await Promise.all([verify(c1, code), verify(c2, code)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 401]);
  });

  it('an MFA challenge logs in once; a used challenge spends no recovery code', async () => {
    const { secret, recoveryCodes } = await enrolled('challenger');
    const c = await challenge('challenger');
    assert.equal((await verify(c, codeAt(secret, 1))).status, 200);
    const again = await verify(c, recoveryCodes[0]);
    assert.equal(again.status, 401, again.text);
    assert.match(again.body.meta.error.message, /already used/);
    assert.equal((await verify(await challenge('challenger'), recoveryCodes[0])).status, 200, 'the recovery code was not spent by the refused attempt');
    assert.equal((await verify(await challenge('challenger'), recoveryCodes[0])).status, 401, 'and now it is');
  });

  it('a wrong code does not burn the challenge', async () => {
    const { secret } = await enrolled('typo');
    const c = await challenge('typo');
    assert.equal((await verify(c, '000000')).status, 401);
    assert.equal((await verify(c, codeAt(secret, 1))).status, 200);
  });
});
