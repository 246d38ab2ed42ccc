import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cpuThreadsToPercent,
  DEFAULT_NODE_CORES,
  DEFAULT_NODE_DISK_MIB,
  DEFAULT_NODE_RAM_MIB,
  formatPorts,
  gbToMiB,
  missing,
  nodeCapacity,
  parsePorts,
  parseTags,
  primaryPair,
  processorCores,
  processorCoresIn,
  sizeToMiB,
  specText,
} from './skyport.mapping';
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

  it('node ram/disk text: a unit in the text wins, a bare number is GB, no size is null', () => {
    assert.equal(sizeToMiB('4GB'), 4096);
    assert.equal(sizeToMiB('4 gb'), 4096);
    assert.equal(sizeToMiB('4GiB'), 4096);
    assert.equal(sizeToMiB('512MB'), 512);
    assert.equal(sizeToMiB('512M'), 512);
    assert.equal(sizeToMiB('2TB'), 2 * 1024 * 1024);
    assert.equal(sizeToMiB('1048576 KB'), 1024);
    assert.equal(sizeToMiB('1,5 GB'), 1536);
    assert.equal(sizeToMiB('16 GB DDR4'), 16384);
    assert.equal(sizeToMiB('DDR4 16GB ECC'), 16384);
    assert.equal(sizeToMiB('4096'), 4096 * 1024, 'a bare disk number is GB (the documented default unit)');
    assert.equal(sizeToMiB('4096', 'ram'), 4096, 'a bare RAM number from 1024 up is MB');
    assert.equal(sizeToMiB('1023', 'ram'), 1023 * 1024, 'below 1024 a bare RAM number is GB');
    assert.equal(sizeToMiB('8', 'ram'), 8192);
    assert.equal(sizeToMiB(8), 8192);
    assert.equal(sizeToMiB('0.5'), 512);
    for (const none of ['x86', 'Intel Xeon E5', 'lots', '4 gigs', '8 threads', '0', '', '1e3']) assert.equal(sizeToMiB(none), null, none);
    assert.equal(sizeToMiB(0), null);
  });

  it('processor text: cores where the text names them, else null', () => {
    assert.equal(processorCoresIn('4'), 4);
    assert.equal(processorCoresIn('4 cores'), 4);
    assert.equal(processorCoresIn(6), 6);
    assert.equal(processorCoresIn('Xeon E5-2680 v4 (14 cores)'), 14);
    assert.equal(processorCoresIn('AMD EPYC 8-core'), 8);
    for (const none of ['x86', 'Intel Xeon E5', 'Intel Xeon E5-2680 v4', 'arm64', '0']) assert.equal(processorCoresIn(none), null, none);
  });

  it("nodeCapacity: seed 002's free-form examples never fail; unknown text takes the documented defaults", () => {
    assert.deepEqual(nodeCapacity('4GB', '4096', 'x86'), { memoryMiB: 4096, diskMiB: 4096 * 1024, cpuPercent: DEFAULT_NODE_CORES * 100, defaulted: ['processor'] });
    assert.deepEqual(nodeCapacity('8', '100', '4 cores'), { memoryMiB: 8192, diskMiB: 102400, cpuPercent: 400, defaulted: [] });
    assert.deepEqual(nodeCapacity('plenty', 'big', 'Intel Xeon E5'), {
      memoryMiB: DEFAULT_NODE_RAM_MIB,
      diskMiB: DEFAULT_NODE_DISK_MIB,
      cpuPercent: DEFAULT_NODE_CORES * 100,
      defaulted: ['ram', 'disk', 'processor'],
    });
    assert.equal(DEFAULT_NODE_RAM_MIB, 4096);
    assert.equal(DEFAULT_NODE_DISK_MIB, 51200);
    // Clamped into Outpost's node limits rather than refused.
    assert.deepEqual(nodeCapacity('1MB', '1KB', '0.01'), { memoryMiB: 64, diskMiB: 256, cpuPercent: 10, defaulted: [] });
    assert.equal(nodeCapacity('99999TB', '1', '1').memoryMiB, 16 * 1024 * 1024);
    assert.equal(specText('  Intel Xeon E5  '), 'Intel Xeon E5');
    assert.equal(specText(4), '4');
    assert.equal(specText('x'.repeat(500)).length, 128);
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
