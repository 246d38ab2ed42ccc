/**
 * The bench report writer (bench/lib/report.ts) and the result helpers (bench/lib/results.ts) on
 * fixed input: table rows with the exact figures, met / NOT met, the smoke banner, "where the time
 * goes" for each missed target, and one SVG bar per path that has a ratio. No bench runs here.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderReport, renderSvg, type ReportInput } from '../../bench/lib/report';
import { isMet, ratioResult, valueResult, writeResults } from '../../bench/lib/results';

const search = ratioResult({
  path: 'POST /node/search (mixed)',
  metric: 'throughput',
  value: 66,
  baseline: 100,
  unit: 'req/s',
  target: 0.8,
  direction: 'higher',
  profile: 'BENCH_CPU_PROFILE=/tmp/s.cpuprofile node dist/bench/search.bench.js',
});
const start = ratioResult({ path: 'create + start a game server', metric: 'median time', value: 525, baseline: 500, unit: 'ms', target: 1.1, direction: 'lower' });
const consoleRedis = ratioResult({
  path: 'console fan-out, via Redis',
  metric: 'lines/s',
  value: 900,
  baseline: 1000,
  unit: 'lines/s',
  target: 0.8,
  direction: 'higher',
  alsoRequires: false,
  note: 'lost 3, gaps 0',
});
const restore = ratioResult({ path: 'restore (vs tar xzf)', metric: 'speed', value: 90, baseline: 92, unit: 'MB/s', target: null, direction: 'higher' });
const apiMemory = valueResult({ path: 'idle memory, API', metric: 'RSS', value: 142, baseline: 55, unit: 'MiB', target: 120, direction: 'lower' });

function input(smoke: boolean): ReportInput {
  const run = (bench: string, results: ReportInput['runs'][number]['results'], extra: Partial<ReportInput['runs'][number]> = {}) => ({
    bench,
    command: `node dist/bench/${bench}.bench.js`,
    exitCode: 0,
    seconds: 12,
    loadBefore: [1, 2, 3],
    loadAfter: [1.5, 2, 3],
    results,
    profileHint: `node --cpu-prof dist/bench/${bench}.bench.js`,
    ...extra,
  });
  return {
    smoke,
    profiled: false,
    date: '2026-12-01T10:00:00.000Z',
    command: 'node dist/bench/run-all.js',
    machine: { cores: 2, cpuModel: 'Test CPU | 2 GHz', node: 'v20.20.2', platform: 'linux 6.1', memoryGiB: 7.75 },
    loadBefore: [0.5, 0.25, 0.125],
    loadAfter: [1.25, 1, 0.75],
    runs: [
      run('search', [search]),
      run('start', [start], { profileSummary: 'self time by package\n  40.0%  outpost src/modules/gameserver' }),
      run('console', [consoleRedis]),
      run('backup', [restore]),
      run('upload', [], { exitCode: 1, failure: 'Error: connect ECONNREFUSED /var/run/docker.sock' }),
      run('memory', [apiMemory]),
    ],
  };
}

describe('bench results', () => {
  it('computes ratio and met for both directions, an extra condition, no target and absolute targets', () => {
    assert.equal(search.ratio, 0.66);
    assert.equal(search.met, false);
    assert.equal(start.ratio, 1.05);
    assert.equal(start.met, true);
    assert.equal(consoleRedis.ratio, 0.9);
    assert.equal(consoleRedis.met, false, 'lines lost: not met whatever the ratio');
    assert.equal(restore.met, null);
    assert.equal(apiMemory.targetOn, 'value');
    assert.equal(apiMemory.met, false);
    assert.equal(isMet('lower', 120, 120), true);
    assert.equal(isMet('higher', NaN, 0.8), false);
  });

  it('writes the JSON array to BENCH_RESULT_FILE, NaN as null', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
    const file = join(dir, 'r.json');
    const before = process.env.BENCH_RESULT_FILE;
    process.env.BENCH_RESULT_FILE = file;
    try {
      const skipped = ratioResult({ path: 'console fan-out, via Redis', metric: 'lines/s', value: NaN, baseline: 1000, unit: 'lines/s', target: 0.8, direction: 'higher' });
      writeResults([search, skipped]);
      const back = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(back.length, 2);
      assert.deepEqual(back[0], { ...search });
      assert.equal(back[1].value, null);
      assert.equal(back[1].ratio, null);
      assert.equal(back[1].met, false);
    } finally {
      if (before === undefined) delete process.env.BENCH_RESULT_FILE;
      else process.env.BENCH_RESULT_FILE = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bench report', () => {
  it('has one exact table row per result, and a failed bench as NOT run', () => {
    const md = renderReport(input(false));
    const lines = md.split('\n');
    assert.ok(lines.includes('| POST /node/search (mixed) | throughput | 66.0 req/s | 100 req/s | 0.66× | ≥ 0.8× | **NOT met** |  |'), md);
    assert.ok(lines.includes('| create + start a game server | median time | 525 ms | 500 ms | 1.05× | ≤ 1.1× | met |  |'), md);
    assert.ok(lines.includes('| console fan-out, via Redis | lines/s | 900 lines/s | 1,000 lines/s | 0.90× | ≥ 0.8× | **NOT met** | lost 3, gaps 0 |'), md);
    assert.ok(lines.includes('| restore (vs tar xzf) | speed | 90.0 MB/s | 92.0 MB/s | 0.98× | — | — |  |'), md);
    assert.ok(lines.includes('| idle memory, API | RSS | 142 MiB | 55.0 MiB | 2.58× | ≤ 120 MiB | **NOT met** |  |'), md);
    assert.ok(lines.includes('| upload | — | — | — | — | — | **NOT run** (bench failed) | exit 1 |'), md);
    assert.match(md, /1 of 4 targets met · 1 bench failed: upload/);
    assert.ok(lines.includes('| 2 | Test CPU \\| 2 GHz | 7.8 GiB | v20.20.2 | linux 6.1 | 0.50 / 0.25 / 0.13 | 1.25 / 1.00 / 0.75 |'), md);
    assert.ok(lines.includes('![Outpost/baseline ratio per path, target marked](report.svg)'));
    assert.match(md, /### upload failed \(exit 1\)\n\n```\nError: connect ECONNREFUSED/);
  });

  it('says "smoke run" at the top only for a smoke run', () => {
    const smoke = renderReport(input(true)).split('\n');
    assert.equal(smoke[0], '# Outpost benchmark report');
    assert.match(smoke[2], /^> \*\*smoke run\*\*/);
    assert.doesNotMatch(renderReport(input(false)), /smoke run/);
  });

  it('names, for each missed target only, the profile excerpt or how to profile', () => {
    const md = renderReport(input(false));
    const section = md.slice(md.indexOf('## Where the time goes'), md.indexOf('## Benches'));
    const items = section.split('\n').filter((l) => l.startsWith('- '));
    assert.deepEqual(items, [
      '- **POST /node/search (mixed)** (0.66×, target ≥ 0.8×): not profiled in this run; profile with `BENCH_CPU_PROFILE=/tmp/s.cpuprofile node dist/bench/search.bench.js`.',
      '- **console fan-out, via Redis** (0.90×, target ≥ 0.8×): not profiled in this run; profile with `node --cpu-prof dist/bench/console.bench.js`.',
      '- **idle memory, API** (2.58×, target ≤ 120 MiB): not profiled in this run; profile with `node --cpu-prof dist/bench/memory.bench.js`.',
    ]);
    // start met its target: its profile excerpt is not shown; a missed one with a profile shows it.
    assert.doesNotMatch(section, /create \+ start/);
    const withProfile = input(false);
    withProfile.runs[0].profileSummary = 'self time by package\n  55.0%  typeorm';
    assert.match(
      renderReport(withProfile),
      /- \*\*POST \/node\/search \(mixed\)\*\* \(0\.66×, target ≥ 0\.8×\): CPU profile of this run, top of the busy time:\n\n {2}```\n {2}self time by package\n {4}55\.0% {2}typeorm\n {2}```/,
    );
  });

  it('draws one bar per path with a ratio, coloured by met, with the target ticks', () => {
    const results = input(false).runs.flatMap((r) => r.results);
    const svg = renderSvg(results);
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /<\/svg>\n$/);
    const bars = [...svg.matchAll(/<rect class="bar" data-path="([^"]*)"[^>]*fill="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(bars, [
      ['POST /node/search (mixed)', '#c62828'],
      ['create + start a game server', '#2e7d32'],
      ['console fan-out, via Redis', '#c62828'],
      ['restore (vs tar xzf)', '#9e9e9e'],
      ['idle memory, API', '#c62828'],
    ]);
    // Targets: every result with a target (restore has none).
    assert.equal([...svg.matchAll(/<line class="target"/g)].length, 4);
    // A result without a figure gets no bar; labels are escaped.
    const noFigure = ratioResult({ path: 'a <b> & "c"', metric: 'm', value: NaN, baseline: 1, unit: 'x', target: 1, direction: 'higher' });
    const svg2 = renderSvg([noFigure, ratioResult({ path: 'a <b> & "c"', metric: 'm', value: 1, baseline: 1, unit: 'x', target: 1, direction: 'higher' })]);
    assert.equal([...svg2.matchAll(/<rect class="bar"/g)].length, 1);
    assert.match(svg2, /data-path="a &lt;b&gt; &amp; &quot;c&quot;"/);
  });
});
