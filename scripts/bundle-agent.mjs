// Bundles the node agent (src/agent/main.ts) into one CommonJS file, dist/agent/outpost-agent.cjs,
// that runs with plain `node` (>= 20) on a game machine with no node_modules. The API serves it
// (GET /agent/outpost-agent.cjs) together with an install script.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** src/core/version.ts reads package.json next to the build; the bundle carries no package.json, so the version is inlined. */
const inlineVersion = {
  name: 'inline-version',
  setup(b) {
    b.onResolve({ filter: /\/core\/version$/ }, () => ({ path: 'outpost-version', namespace: 'inline-version' }));
    b.onLoad({ filter: /.*/, namespace: 'inline-version' }, () => ({ contents: `export const VERSION = ${JSON.stringify(version)};`, loader: 'js' }));
  },
};

await build({
  entryPoints: [join(root, 'src/agent/main.ts')],
  outfile: join(root, 'dist/agent/outpost-agent.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  tsconfig: join(root, 'tsconfig.json'),
  banner: { js: '#!/usr/bin/env node' },
  // Optional native add-ons of ssh2 (pulled in by docker-modem): both are loaded inside try/catch
  // and only speed up SSH, which the agent never uses (it talks to the local Docker socket).
  external: ['cpu-features', '*.node'],
  plugins: [inlineVersion],
  legalComments: 'none',
  logLevel: 'warning',
});
