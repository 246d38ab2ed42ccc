import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuThreadsToPercent, formatPorts, gbToMiB, missing, parsePorts, parseTags, primaryPair, processorCores } from './skyport.mapping';
import { reshapeEnvelopeError } from './skyport.module';

describe('Skyport value mapping', () => {
  it('cpu is CPU threads: cpuPercent = threads × 100 (NanoCpus = threads × 1e9)', () => {
    assert.equal(cpuThreadsToPercent('1'), 100);
    assert.equal(cpuThreadsToPercent(2), 200);
    assert.equal(cpuThreadsToPercent('0.5'), 50);
    for (const bad of ['0', '-1', 'two', '', '1e3', null, undefined, Number.NaN]) assert.equal(cpuThreadsToPercent(bad as never), null, String(bad));
  });

  it('ports are "containerPort:hostPort" pairs, as Skyport splits them', () => {
    assert.deepEqual(parsePorts('25565:30001, 25575:30002'), [
      { containerPort: 25565, hostPort: 30001 },
      { containerPort: 25575, hostPort: 30002 },
    ]);
    assert.match(parsePorts('25565') as string, /format/);
    assert.match(parsePorts('1:70000') as string, /65535/);
    assert.match(parsePorts('1:30001,2:30001') as string, /twice/);
    assert.match(parsePorts(25565) as string, /string/);
    const pairs = parsePorts('25565:30001,25575:30002') as Array<{ containerPort: number; hostPort: number }>;
    assert.equal(primaryPair(pairs, '30002'), pairs[1]);
    assert.equal(primaryPair(pairs, 25565), pairs[0], 'a container port names its pair too');
    assert.equal(primaryPair(pairs, '1'), null);
    assert.equal(
      formatPorts([
        { port: 30002, containerPort: 25575 },
        { port: 30001, containerPort: 25565 },
        { port: 30001, containerPort: 25565 },
      ]),
      '25565:30001,25575:30002',
    );
  });

  it('node ram/disk are GB, processor is cores, tags a list or a comma-separated string', () => {
    assert.equal(gbToMiB('8'), 8192);
    assert.equal(gbToMiB(0.5), 512);
    assert.equal(gbToMiB('lots'), null);
    assert.equal(processorCores('4'), 4);
    assert.equal(processorCores('8 vCPU'), 8);
    assert.equal(processorCores('Intel Xeon E5-2680 v4'), null);
    assert.deepEqual(parseTags('eu, fast,,eu'), ['eu', 'fast']);
    assert.deepEqual(parseTags(['a']), ['a']);
    assert.equal(parseTags([1]), null);
  });

  it("missing() is Skyport's !value", () => {
    assert.equal(missing('a', 1), false);
    for (const v of ['', 0, null, undefined, false]) assert.equal(missing('a', v), true);
  });

  it('reshapes only the error envelope', () => {
    assert.deepEqual(reshapeEnvelopeError({ meta: { serverTime: 'x', error: { code: 'BadRequestError', message: 'Malformed JSON' } }, data: null }), { error: 'Malformed JSON' });
    const ok = [{ Id: 'x' }];
    assert.equal(reshapeEnvelopeError(ok), ok);
    assert.equal(reshapeEnvelopeError(null), null);
  });
});
