#!/usr/bin/env node
// Lists the mutants a Stryker run left alive (Survived, NoCoverage), grouped by file and line, with the
// original code and its replacement, so they can be worked through one line at a time.
//
//   node scripts/mutation-survivors.mjs search            # reads reports/mutation/search.json
//   node scripts/mutation-survivors.mjs path/to/report.json --status Survived
//
// Does not run Stryker: it only reads the JSON report a run wrote (`jsonReporter` in stryker.config.mjs).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const statusAt = args.indexOf('--status');
const statuses = statusAt >= 0 ? args.splice(statusAt, 2)[1].split(',') : ['Survived', 'NoCoverage'];
const target = args[0] ?? 'search';
const file = target.endsWith('.json') ? resolve(target) : resolve('reports/mutation', `${target}.json`);
const report = JSON.parse(readFileSync(file, 'utf8'));

/** The text a mutant replaces, on one line (multi-line spans are cut at the first line). */
function original(source, loc) {
  const lines = source.split('\n');
  const { start, end } = loc;
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  return `${lines[start.line - 1].slice(start.column - 1)} …`;
}
const clip = (s, n = 90) => {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

let total = 0;
const counts = {};
for (const [path, { source, mutants }] of Object.entries(report.files)) {
  const alive = mutants.filter((m) => statuses.includes(m.status));
  if (!alive.length) continue;
  console.log(`\n== ${path} (${alive.length})`);
  const byLine = new Map();
  for (const m of alive) {
    const line = m.location.start.line;
    if (!byLine.has(line)) byLine.set(line, []);
    byLine.get(line).push(m);
  }
  const lines = source.split('\n');
  for (const line of [...byLine.keys()].sort((a, b) => a - b)) {
    console.log(`  ${line}: ${clip(lines[line - 1].trim(), 110)}`);
    for (const m of byLine.get(line).sort((a, b) => a.location.start.column - b.location.start.column)) {
      counts[m.status] = (counts[m.status] ?? 0) + 1;
      total++;
      const tag = m.status === 'NoCoverage' ? 'NOCOV' : 'SURV ';
      console.log(`    #${m.id.padEnd(4)} ${tag} ${m.mutatorName.padEnd(22)} ${clip(original(source, m.location), 40)}  →  ${clip(m.replacement ?? '', 60)}`);
    }
  }
}
console.log(
  `\n${total} mutants (${Object.entries(counts)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ')}) in ${file}`,
);
