import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PeriodicPass } from './periodic-pass';

describe('PeriodicPass', () => {
  it('runs one pass at a time: a call while a pass runs joins it', async () => {
    let passes = 0;
    let release!: () => void;
    const p = new PeriodicPass(
      () =>
        new Promise<number>((done) => {
          release = () => done(++passes);
        }),
      () => assert.fail('no error expected'),
      -1,
    );
    const first = p.run();
    const joined = p.run();
    release();
    assert.deepEqual(await Promise.all([first, joined]), [1, 1]);
    const next = p.run();
    release();
    assert.equal(await next, 2);
  });

  it('a failing pass is reported and answers the fallback; the next pass runs again', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const p = new PeriodicPass(
      async () => {
        if (fail) throw new Error('boom');
        return 7;
      },
      (err) => errors.push(err),
      0,
    );
    assert.equal(await p.run(), 0);
    assert.equal((errors[0] as Error).message, 'boom');
    fail = false;
    assert.equal(await p.run(), 7);
    assert.equal(errors.length, 1);
  });

  it('ticks every period once started, and stop() ends the ticks after waiting for the pass in flight', async () => {
    let passes = 0;
    let finished = 0;
    const p = new PeriodicPass(
      async () => {
        passes++;
        await new Promise((r) => setTimeout(r, 30));
        finished++;
      },
      () => undefined,
      undefined,
    );
    p.start(5);
    while (passes === 0) await new Promise((r) => setTimeout(r, 5));
    await p.stop();
    assert.equal(finished, passes, 'stop() returned while a pass was still running');
    const after = passes;
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(passes, after, 'a tick ran after stop()');
  });
});
