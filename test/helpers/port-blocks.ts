import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where test processes record the blocks they hold: one file per block, holding the owner's pid. */
const DIR = join(tmpdir(), 'outpost-test-port-blocks');
const FIRST = 20000;
/** 120 blocks of 100: 20000–31999, below the ephemeral range (32768+). */
const BLOCKS = 120;
const held: string[] = [];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the block's file (exclusive create), or a file whose owner is gone. */
function claim(base: number): boolean {
  const file = join(DIR, String(base));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.push(file);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(file, 'utf8') || 0);
      if (owner && alive(owner)) return false;
      rmSync(file, { force: true });
    }
  }
  return false;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

let next = 0;

/**
 * A block of 100 host ports (base … base + 99) for a test node that no other test process holds:
 * checking that ports are free is not enough, since two files can pick the same free block and
 * then both start containers on its first port. Held until this process exits.
 */
export async function reservePortBlock(): Promise<number> {
  mkdirSync(DIR, { recursive: true });
  for (let attempt = 0; attempt < BLOCKS; attempt++) {
    const base = FIRST + ((process.pid * 13 + next++ * 7) % BLOCKS) * 100;
    if (!claim(base)) continue;
    if ((await Promise.all([0, 1, 2, 3, 4].map((i) => canListen(base + i)))).every(Boolean)) return base;
    // In use by something outside the tests: keep the claim (nobody else should try it) and move on.
  }
  throw new Error('no free block of host ports for a test node');
}

process.once('exit', () => {
  for (const file of held) rmSync(file, { force: true });
});
