import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

// Dev server (`npm run web:dev` at the root): proxies every API prefix from openapi.json to the
// API on :3000 (override with OUTPOST_API). Plain esbuild JSX, no React plugin needed.
const api = process.env.OUTPOST_API ?? 'http://localhost:3000';
const spec = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8')) as { paths: Record<string, unknown> };
const prefixes = new Set(['gameserver', 'workload', 'openapi.json', 'api.html', ...Object.keys(spec.paths).map((p) => p.split('/')[1])]);
const proxy = Object.fromEntries([...prefixes].map((p) => [`^/${p.replace('.', '\\.')}(/|$|\\?)`, { target: api, ws: true, changeOrigin: true }]));

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: { onwarn: (w, warn) => (w.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(w)) },
  },
  server: { proxy },
});
