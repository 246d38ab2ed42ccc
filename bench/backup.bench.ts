/**
 * `npm run bench:backup` — the agent's backup archive code (libs/server-files/backup-archive.ts,
 * exactly what `backup.create` / `backup.restore` run) against GNU tar on the same directory, in
 * the same run, on the same filesystem:
 *
 * - backup:  `tar czf out.tar.gz -C dir .`  vs  writeArchive (walk + tar + gzip -6 + sha256 + fsync);
 * - restore: `tar xzf out.tar.gz -C dest`   vs  verifyArchive + restoreArchive (sha256 check, staging
 *   extraction with the file manager's rules, swap).
 *
 * The data set is a mixed directory (default 1 GiB): many small files in nested directories, some
 * medium ones, a few large ones; half compressible text, half random bytes. Every step runs
 * BENCH_BACKUP_RUNS times alternating (caches are warm for both sides); the best run counts.
 * Prints MB/s and the ratio (Outpost speed / tar speed; target ≥ 0.8 for the backup); never a
 * timed assertion. Sanity (fails the run in smoke mode): the reported size and sha256 match the
 * file, the file count is right, the restored tree is identical to the source, and GNU tar
 * extracts Outpost's archive to the identical tree too.
 *
 * Env: BENCH_BACKUP_MB (default 1024), BENCH_BACKUP_RUNS (default 2), BENCH_BACKUP_DIR (default the
 * OS temp dir). BENCH_SMOKE=1 / --smoke: 20 MiB, one run.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { restoreArchive, verifyArchive, writeArchive } from '@libs/server-files/backup-archive';
import { envNumber } from './lib/load';
import { expectSane, SMOKE as ENV_SMOKE } from './lib/smoke';
import { ratioResult, TARGETS, writeResults } from './lib/results';

const run = promisify(execFile);
const SMOKE = ENV_SMOKE || process.argv.includes('--smoke');
const MiB = 1024 * 1024;
const TOTAL = Math.floor(envNumber('BENCH_BACKUP_MB', SMOKE ? 20 : 1024)) * MiB;
const RUNS = Math.max(1, Math.floor(envNumber('BENCH_BACKUP_RUNS', SMOKE ? 1 : 2)));

// ───────────────────────── data set ─────────────────────────

const WORDS = 'the server world region chunk player entity block level data config plugin spawn item inventory save tick mob biome structure map'.split(' ');

/** 4 MiB of log/config-like text (compresses about 4:1 with gzip -6, like game data often does). */
function textPool(): Buffer {
  const parts: string[] = [];
  let len = 0;
  const rnd = randomBytes(1 << 20);
  for (let i = 0; len < 4 * MiB; i++) {
    const line = `${WORDS[rnd[i % rnd.length] % WORDS.length]}.${WORDS[rnd[(i * 7) % rnd.length] % WORDS.length]}=${rnd.readUInt32LE((i * 4) % (rnd.length - 4))} # ${WORDS[rnd[(i * 13) % rnd.length] % WORDS.length]}\n`;
    parts.push(line);
    len += line.length;
  }
  return Buffer.from(parts.join(''));
}

interface DataSet {
  files: number;
  bytes: number;
}

async function buildDataSet(dir: string, total: number): Promise<DataSet> {
  const text = textPool();
  let files = 0;
  let bytes = 0;
  const content = (size: number, i: number): Buffer => {
    if (i % 2 === 0) return randomBytes(size);
    const start = (i * 7919) % Math.max(1, text.length - size);
    if (size <= text.length) return text.subarray(start, start + size);
    const out = Buffer.allocUnsafe(size);
    for (let off = 0; off < size; off += text.length) text.copy(out, off, 0, Math.min(text.length, size - off));
    return out;
  };
  const write = async (rel: string, size: number, i: number) => {
    const p = join(dir, rel);
    await fsp.mkdir(join(p, '..'), { recursive: true });
    if (size <= 64 * MiB) await fsp.writeFile(p, content(size, i));
    else {
      const fh = await fsp.open(p, 'w');
      for (let off = 0; off < size; off += 8 * MiB) await fh.write(content(Math.min(8 * MiB, size - off), i + off / MiB));
      await fh.close();
    }
    files++;
    bytes += size;
  };
  // 40 % in a few large files, 30 % in medium ones, 30 % in many small ones (1 B–64 KiB).
  const large = Math.max(1, Math.round(total * 0.4));
  const nLarge = total >= 256 * MiB ? 3 : 1;
  for (let i = 0; i < nLarge; i++) await write(`world/region-${i}.dat`, Math.floor(large / nLarge), i);
  const mediumTotal = Math.round(total * 0.3);
  const mediumSize = total >= 256 * MiB ? 4 * MiB : 512 * 1024;
  for (let i = 0, done = 0; done < mediumTotal; i++, done += mediumSize) await write(`plugins/p${i % 8}/data-${i}.bin`, Math.min(mediumSize, mediumTotal - done), i);
  const smallTotal = total - large - mediumTotal;
  const rnd = randomBytes(4096);
  const jobs: Array<Promise<void>> = [];
  for (let i = 0, done = 0; done < smallTotal; i++) {
    const size = Math.min(smallTotal - done, 1 + ((rnd.readUInt16LE((i * 2) % 4094) * 37) % (64 * 1024)));
    done += size;
    jobs.push(write(`cache/d${i % 40}/s${(i >> 3) % 10}/f${i}.${i % 2 ? 'txt' : 'bin'}`, size, i));
    if (jobs.length >= 64) await Promise.all(jobs.splice(0));
  }
  await Promise.all(jobs);
  for (let i = 0; i < 5; i++) await fsp.mkdir(join(dir, 'empty', `e${i}`), { recursive: true });
  await fsp.writeFile(join(dir, 'zero-bytes'), '');
  files++;
  return { files, bytes };
}

/** path → type:mode:size:sha256 for every entry under dir. */
async function manifest(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string, rel: string): Promise<void> => {
    for (const name of (await fsp.readdir(d)).sort()) {
      const p = join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = await fsp.lstat(p);
      if (st.isDirectory()) {
        out.set(r, `d:${(st.mode & 0o777).toString(8)}`);
        await walk(p, r);
      } else if (st.isFile()) {
        const h = createHash('sha256');
        for await (const c of fs.createReadStream(p, { highWaterMark: 4 * MiB })) h.update(c as Buffer);
        out.set(r, `f:${(st.mode & 0o777).toString(8)}:${st.size}:${h.digest('hex')}`);
      } else if (st.isSymbolicLink()) out.set(r, `l:${await fsp.readlink(p)}`);
    }
  };
  await walk(dir, '');
  return out;
}

function sameTree(a: Map<string, string>, b: Map<string, string>): string | null {
  for (const [k, v] of a) if (b.get(k) !== v) return `${k}: ${v} vs ${b.get(k) ?? 'missing'}`;
  for (const k of b.keys()) if (!a.has(k)) return `${k}: extra`;
  return null;
}

async function fileSha(p: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of fs.createReadStream(p, { highWaterMark: 4 * MiB })) h.update(c as Buffer);
  return h.digest('hex');
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

// ───────────────────────── run ─────────────────────────

async function main(): Promise<void> {
  const base = await fsp.mkdtemp(join(process.env.BENCH_BACKUP_DIR ?? tmpdir(), 'outpost-bench-backup-'));
  try {
    const src = join(base, 'data');
    await fsp.mkdir(src);
    console.log(`bench:backup — building a ${(TOTAL / MiB).toFixed(0)} MiB mixed directory in ${base} …`);
    const set = await buildDataSet(src, TOTAL);
    console.log(`  ${set.files} files, ${(set.bytes / MiB).toFixed(1)} MiB`);
    const sourceManifest = await manifest(src);

    const best = { tarC: Infinity, outC: Infinity, tarX: Infinity, outX: Infinity };
    let tarSize = 0;
    let outSize = 0;
    for (let r = 0; r < RUNS; r++) {
      const tarFile = join(base, `tar-${r}.tar.gz`);
      const outFile = join(base, `outpost-${r}.tar.gz`);
      const tc = await timed(() => run('tar', ['czf', tarFile, '-C', src, '.']));
      best.tarC = Math.min(best.tarC, tc.ms);
      tarSize = (await fsp.stat(tarFile)).size;
      const oc = await timed(() => writeArchive(src, outFile));
      best.outC = Math.min(best.outC, oc.ms);
      const summary = oc.value;
      outSize = summary.sizeBytes;
      expectSane(summary.sizeBytes === (await fsp.stat(outFile)).size, `reported size ${summary.sizeBytes} differs from the file's`);
      expectSane(summary.sha256 === (await fileSha(outFile)), 'reported sha256 differs from the file');
      expectSane(summary.files === set.files, `archived ${summary.files} files, expected ${set.files}`);

      const tarDest = join(base, `tar-x-${r}`);
      await fsp.mkdir(tarDest);
      const tx = await timed(() => run('tar', ['xzf', tarFile, '-C', tarDest]));
      best.tarX = Math.min(best.tarX, tx.ms);
      const outDest = join(base, `outpost-x-${r}`, 'data');
      const ox = await timed(async () => {
        await verifyArchive(outFile, summary);
        return restoreArchive(outFile, outDest);
      });
      best.outX = Math.min(best.outX, ox.ms);
      expectSane(ox.value.files === set.files, `restored ${ox.value.files} files, expected ${set.files}`);
      const diff = sameTree(sourceManifest, await manifest(outDest));
      expectSane(diff === null, `restored tree differs from the source: ${diff}`);
      if (r === 0) {
        // Outpost's archives are plain tar.gz: GNU tar must read them to the same tree.
        const compat = join(base, 'compat');
        await fsp.mkdir(compat);
        await run('tar', ['xzf', outFile, '-C', compat]);
        const d2 = sameTree(sourceManifest, await manifest(compat));
        expectSane(d2 === null, `GNU tar extracts Outpost's archive differently: ${d2}`);
        await fsp.rm(compat, { recursive: true, force: true });
      }
      for (const p of [tarFile, outFile, tarDest, join(base, `outpost-x-${r}`)]) await fsp.rm(p, { recursive: true, force: true });
    }

    const mbps = (ms: number) => set.bytes / 1e6 / (ms / 1000);
    const row = (what: string, ms: number, extra = '') => console.log(`  ${what.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(8)} s ${mbps(ms).toFixed(1).padStart(9)} MB/s ${extra}`);
    console.log(`\nbackup of ${(set.bytes / MiB).toFixed(0)} MiB, ${set.files} files (best of ${RUNS}; MB/s of source data)`);
    row('tar czf', best.tarC, `${(tarSize / MiB).toFixed(1)} MiB archive`);
    row('outpost archive (gzip -6, sha256)', best.outC, `${(outSize / MiB).toFixed(1)} MiB archive`);
    console.log(`  ratio outpost/tar speed: ${(best.tarC / best.outC).toFixed(2)}× (target ≥ 0.8×)`);
    console.log(`restore`);
    row('tar xzf', best.tarX);
    row('outpost verify + restore + swap', best.outX);
    console.log(`  ratio outpost/tar speed: ${(best.tarX / best.outX).toFixed(2)}×`);
    writeResults([
      ratioResult({
        path: 'backup (vs tar czf)',
        metric: `speed, ${(set.bytes / MiB).toFixed(0)} MiB`,
        value: mbps(best.outC),
        baseline: mbps(best.tarC),
        unit: 'MB/s',
        target: TARGETS.backupRatio,
        direction: 'higher',
        note: `archive ${(outSize / MiB).toFixed(1)} MiB vs ${(tarSize / MiB).toFixed(1)} MiB`,
      }),
      ratioResult({ path: 'restore (vs tar xzf)', metric: 'speed', value: mbps(best.outX), baseline: mbps(best.tarX), unit: 'MB/s', target: null, direction: 'higher' }),
    ]);
  } finally {
    await fsp.rm(base, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
