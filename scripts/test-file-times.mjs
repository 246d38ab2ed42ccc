// Test reporter: how long each test file's top-level tests took, slowest first. run-tests.js
// writes it to .data/test-times.txt and prints the head, so a slow file shows up in every run.
export default async function* fileTimes(source) {
  const perFile = new Map();
  for await (const event of source) {
    if ((event.type !== 'test:pass' && event.type !== 'test:fail') || event.data.nesting !== 0 || !event.data.file) continue;
    perFile.set(event.data.file, (perFile.get(event.data.file) ?? 0) + (event.data.details?.duration_ms ?? 0));
  }
  const rows = [...perFile].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((s, [, ms]) => s + ms, 0);
  yield `${(total / 1000).toFixed(0)} s in ${rows.length} files (sum of file times; files run in parallel)\n`;
  for (const [file, ms] of rows) yield `${(ms / 1000).toFixed(1).padStart(7)} s  ${file.replace(/^.*\/(?=(test|src|libs)\/)/, '')}\n`;
}
