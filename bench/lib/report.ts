/**
 * The report writer of `npm run bench` (bench/run-all.ts): bench/report.md (machine facts, one
 * table row per result, where the time goes for each missed target) and bench/report.svg
 * (horizontal bars of Outpost/baseline ratio per path, the target marked). Pure functions of
 * their input, so test/bench/report.test.ts checks them on fixed input.
 */
import { remainingCost, type BenchResult } from './results';

export interface BenchRun {
  /** e.g. "search" (bench/search.bench.ts). */
  bench: string;
  /** The command line, for the reader to rerun one bench. */
  command: string;
  exitCode: number | null;
  signal?: string | null;
  seconds: number;
  loadBefore: number[];
  loadAfter: number[];
  results: BenchResult[];
  /** The last lines of its output when it failed. */
  failure?: string;
  /** How to profile this bench (used for its missed targets when no profile was taken). */
  profileHint?: string;
  /** A CPU-profile excerpt taken in this run (run-all --profile). */
  profileSummary?: string;
}

export interface ReportInput {
  smoke: boolean;
  profiled: boolean;
  /** ISO date of the start of the run. */
  date: string;
  command: string;
  machine: { cores: number; cpuModel: string; node: string; platform: string; memoryGiB: number };
  loadBefore: number[];
  loadAfter: number[];
  runs: BenchRun[];
}

const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');

/** 3 significant figures at most, thousands separated: 1234.5 → "1,235", 0.04567 → "0.0457". */
export function fmtNumber(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtRatio(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '—' : `${v.toFixed(2)}×`;
}

export function fmtTarget(r: BenchResult): string {
  if (r.target === null) return '—';
  const op = r.direction === 'higher' ? '≥' : '≤';
  return r.targetOn === 'ratio' ? `${op} ${r.target}×` : `${op} ${r.target} ${r.unit}`;
}

export function fmtMet(met: boolean | null): string {
  return met === null ? '—' : met ? 'met' : '**NOT met**';
}

/** Markdown table cells must not contain pipes or newlines. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Where a target lies on the ratio axis (value targets are divided by that run's baseline). */
export function targetRatio(r: BenchResult): number | null {
  if (r.target === null) return null;
  if (r.targetOn === 'ratio') return r.target;
  return r.baseline ? r.target / r.baseline : null;
}

export function renderReport(input: ReportInput, svgName = 'report.svg'): string {
  const out: string[] = [];
  const results = input.runs.flatMap((run) => run.results);
  out.push('# Outpost benchmark report');
  out.push('');
  if (input.smoke)
    out.push(
      '> **smoke run** (`BENCH_SMOKE=1`): every bench ran its code path at tiny sizes to check it still works. These figures are **not meaningful** as performance numbers; `npm run bench` on a quiet machine produces the real report.',
      '',
    );
  if (input.profiled) out.push('> **profiled run**: CPU profilers were on, so the figures include their overhead; use it for "where the time goes", not for the ratios.', '');
  const failed = input.runs.filter((r) => r.exitCode !== 0);
  const missed = results.filter((r) => r.met === false);
  const withTarget = results.filter((r) => r.met !== null);
  out.push(
    `${input.date} · \`${input.command}\` · ${withTarget.length - missed.length} of ${withTarget.length} targets met` +
      (failed.length ? ` · ${failed.length} bench${failed.length > 1 ? 'es' : ''} failed: ${failed.map((r) => r.bench).join(', ')}` : ''),
  );
  out.push('');
  out.push('## Machine');
  out.push('');
  out.push('| cores | CPU | memory | node | platform | load average (1/5/15 min) before | after |');
  out.push('|---|---|---|---|---|---|---|');
  out.push(
    `| ${input.machine.cores} | ${cell(input.machine.cpuModel)} | ${input.machine.memoryGiB.toFixed(1)} GiB | ${input.machine.node} | ${input.machine.platform} | ${fmtLoad(input.loadBefore)} | ${fmtLoad(input.loadAfter)} |`,
  );
  out.push('');
  out.push('## Results');
  out.push('');
  out.push('Ratio = Outpost / raw baseline measured in the same run (throughput: higher is better; time, CPU and memory: lower is better).');
  out.push('');
  out.push('| path | figure | Outpost | baseline | ratio | target | met | notes |');
  out.push('|---|---|---|---|---|---|---|---|');
  for (const run of input.runs) {
    for (const r of run.results)
      out.push(
        `| ${cell(r.path)} | ${cell(r.metric)} | ${fmtNumber(r.value)} ${cell(r.unit)} | ${r.baseline === null ? '—' : `${fmtNumber(r.baseline)} ${cell(r.unit)}`} | ${fmtRatio(r.ratio)} | ${cell(fmtTarget(r))} | ${fmtMet(r.met)} | ${cell(r.note ?? '')} |`,
      );
    if (run.exitCode !== 0 && !run.results.length) out.push(`| ${cell(run.bench)} | — | — | — | — | — | **NOT run** (bench failed) | exit ${run.exitCode ?? run.signal} |`);
  }
  out.push('');
  out.push(`![Outpost/baseline ratio per path, target marked](${svgName})`);
  out.push('');
  out.push('## Where the time goes (missed targets)');
  out.push('');
  if (!missed.length) out.push('Every target with a figure was met.');
  for (const run of input.runs)
    for (const r of run.results.filter((x) => x.met === false)) {
      const excerpt = run.profileSummary?.trim();
      if (excerpt) {
        out.push(`- **${r.path}** (${fmtRatio(r.ratio)}, target ${fmtTarget(r)}): CPU profile of this run, top of the busy time:`);
        out.push('');
        out.push('  ```');
        for (const l of excerpt.split('\n')) out.push(`  ${l}`);
        out.push('  ```');
      } else {
        const how = r.profile ?? run.profileHint;
        out.push(`- **${r.path}** (${fmtRatio(r.ratio)}, target ${fmtTarget(r)}): not profiled in this run${how ? `; profile with \`${how}\`` : ''}.`);
      }
      const remaining = remainingCost(r.path);
      if (remaining) {
        out.push('');
        out.push(`  Where the rest goes and what would close it: ${remaining}`);
      }
    }
  out.push('');
  out.push('## Benches');
  out.push('');
  out.push('| bench | command | exit | time | load average before | after |');
  out.push('|---|---|---|---|---|---|');
  for (const run of input.runs)
    out.push(
      `| ${run.bench} | \`${cell(run.command)}\` | ${run.exitCode === 0 ? '0' : `**${run.exitCode ?? run.signal}**`} | ${run.seconds.toFixed(0)} s | ${fmtLoad(run.loadBefore)} | ${fmtLoad(run.loadAfter)} |`,
    );
  for (const run of failed) {
    out.push('');
    out.push(`### ${run.bench} failed (exit ${run.exitCode ?? run.signal})`);
    out.push('');
    out.push('```');
    out.push((run.failure ?? '').trimEnd());
    out.push('```');
  }
  out.push('');
  return out.join('\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Horizontal bars, one per result that has a ratio: bar length = Outpost/baseline, green when the
 * target is met, red when not, grey without a target; the target is a black tick, 1.0× (= raw) a
 * dashed line.
 */
export function renderSvg(results: BenchResult[], title = 'Outpost / raw baseline'): string {
  const rows = results.filter((r) => r.ratio !== null && Number.isFinite(r.ratio));
  const labelW = 330;
  const chartW = 420;
  const rightW = 170;
  const rowH = 28;
  const top = 44;
  const width = labelW + chartW + rightW;
  const height = top + rows.length * rowH + 34;
  const max = Math.max(2, ...rows.map((r) => r.ratio!), ...rows.map((r) => targetRatio(r) ?? 0)) * 1.05;
  const x = (v: number) => labelW + (Math.min(v, max) / max) * chartW;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="10" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`);
  parts.push(`<text x="10" y="36" fill="#555">bar: ratio (green met, red not met, grey no target) · black tick: target · dashed: 1.0× = raw</text>`);
  // Axis ticks every 0.5×.
  const axisY = top + rows.length * rowH + 4;
  for (let v = 0; v <= max; v += 0.5) {
    parts.push(`<line x1="${x(v).toFixed(1)}" y1="${top - 4}" x2="${x(v).toFixed(1)}" y2="${axisY}" stroke="#eee"/>`);
    parts.push(`<text x="${x(v).toFixed(1)}" y="${axisY + 14}" text-anchor="middle" fill="#555">${v.toFixed(1)}×</text>`);
  }
  parts.push(`<line x1="${x(1).toFixed(1)}" y1="${top - 4}" x2="${x(1).toFixed(1)}" y2="${axisY}" stroke="#888" stroke-dasharray="4 3"/>`);
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const color = r.met === null ? '#9e9e9e' : r.met ? '#2e7d32' : '#c62828';
    const label = `${r.path} — ${r.metric}`;
    parts.push(`<text x="${labelW - 8}" y="${y + 17}" text-anchor="end">${esc(label.length > 52 ? label.slice(0, 51) + '…' : label)}</text>`);
    parts.push(
      `<rect class="bar" data-path="${esc(r.path)}" x="${labelW}" y="${y + 5}" width="${(x(r.ratio!) - labelW).toFixed(1)}" height="${rowH - 10}" fill="${color}"><title>${esc(`${label}: ${fmtRatio(r.ratio)}, target ${fmtTarget(r)}`)}</title></rect>`,
    );
    const t = targetRatio(r);
    if (t !== null) parts.push(`<line class="target" x1="${x(t).toFixed(1)}" y1="${y + 1}" x2="${x(t).toFixed(1)}" y2="${y + rowH - 1}" stroke="#000" stroke-width="2"/>`);
    parts.push(`<text x="${labelW + chartW + 8}" y="${y + 17}">${esc(`${fmtRatio(r.ratio)}  ${r.target === null ? 'no target' : `target ${fmtTarget(r)}`}`)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
