// Bundles the CLI and the client (commander, openapi-fetch, ws included) into one CommonJS file,
// libs/cli/dist/outpost.cjs, so `npm pack libs/cli` gives a package with no dependencies to fetch.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const outfile = join(here, 'dist', 'outpost.cjs');

/** version.ts reads the repository's package.json; the bundle carries its own package's version instead. */
const inlineVersion = {
  name: 'inline-version',
  setup(b) {
    b.onResolve({ filter: /^\.\/version$/ }, () => ({ path: 'outpost-cli-version', namespace: 'inline-version' }));
    b.onLoad({ filter: /.*/, namespace: 'inline-version' }, () => ({ contents: `export const VERSION = ${JSON.stringify(version)};`, loader: 'js' }));
  },
};

await build({
  entryPoints: [join(here, 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  tsconfig: join(root, 'tsconfig.json'),
  // main.ts starts with the shebang; esbuild keeps it.
  // ws loads these optional native add-ons inside try/catch; without them it uses plain JavaScript.
  external: ['bufferutil', 'utf-8-validate'],
  plugins: [inlineVersion],
  legalComments: 'none',
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
