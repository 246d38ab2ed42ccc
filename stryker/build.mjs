// Stryker's buildCommand (run inside its sandbox, no shell): compile one module's specs and rewrite @libs/* imports.
// The tools are resolved like any import (the sandbox sits inside the project, so node_modules is found above it).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const project = `stryker/tsconfig.${process.argv[2]}.json`;
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { stdio: 'inherit' });
execFileSync(process.execPath, [require.resolve('tsc-alias/dist/bin/index.js'), '-p', project], { stdio: 'inherit' });
