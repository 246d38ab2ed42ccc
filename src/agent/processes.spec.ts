import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandLine, lifetimeCpuPercent, parsePasswd, parseStat, parseStatus, processes, topProcesses } from './processes';

describe('agent process and account inventory', () => {
  it('parses /etc/passwd, skipping comments and malformed lines, bounded', () => {
    const text = 'root:x:0:0:root:/root:/bin/bash\n# comment\nbroken:line\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nbad:x:abc:1::/h:/s\n';
    assert.deepEqual(parsePasswd(text), [
      { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' },
      { name: 'nobody', uid: 65534, gid: 65534, home: '/nonexistent', shell: '/usr/sbin/nologin' },
    ]);
    assert.equal(parsePasswd(text, 1).length, 1);
  });

  it('parses /proc/<pid>/stat with spaces and parentheses in the name, and status', () => {
    const stat = '4242 (my (odd) proc) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 1 0 1000 12345 67 18446744073709551615';
    assert.deepEqual(parseStat(stat), { comm: 'my (odd) proc', utime: 250, stime: 50, starttime: 1000 });
    assert.equal(parseStat('garbage'), null);
    assert.deepEqual(parseStatus('Name:\tx\nUid:\t1000\t1001\t1001\t1001\nVmRSS:\t  2048 kB\n'), { uid: 1001, rssBytes: 2048 * 1024 });
    assert.deepEqual(parseStatus('Name:\tkthread\nUid:\t0\t0\t0\t0\n'), { uid: 0, rssBytes: 0 });
  });

  it('joins argv, names kernel threads and truncates long command lines', () => {
    assert.equal(commandLine('java\0-jar\0server.jar\0', 'java'), 'java -jar server.jar');
    assert.equal(commandLine('', 'kworker/0:1'), '[kworker/0:1]');
    const long = commandLine('x'.repeat(1000), 'x');
    assert.equal(long.length, 256);
    assert.ok(long.endsWith('…'));
  });

  it('CPU is the lifetime average like ps; the list is the top N by CPU', () => {
    // 300 ticks = 3 s of CPU over 10 s alive (started at 5 s, uptime 15 s) → 30 %.
    assert.equal(lifetimeCpuPercent(250, 50, 500, 15), 30);
    assert.equal(lifetimeCpuPercent(1, 1, 1500, 15), 0);
    const p = (pid: number, cpuPercent: number) => ({ pid, user: 'u', uid: 1, command: 'c', cpuPercent, memoryBytes: 0 });
    assert.deepEqual(
      topProcesses([p(1, 1), p(2, 50), p(3, 10)], 2).map((x) => x.pid),
      [2, 3],
    );
  });

  it('reads the real processes of this machine, this one among them', async () => {
    const list = await processes();
    if (process.platform !== 'linux') return assert.deepEqual(list, []);
    const self = list.find((x) => x.pid === process.pid);
    assert.ok(list.length > 0 && list.length <= 200);
    if (self) {
      assert.ok(self.command.includes('node'), self.command);
      assert.ok(self.memoryBytes > 0);
      assert.equal(self.uid, process.getuid?.());
    }
  });
});
