#!/usr/bin/env node
// `npx outpost …` from this repository: runs the compiled CLI (dist/, made by `npm run build`).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'libs', 'cli', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('outpost: the CLI is not built yet: run `npm run build` first\n');
  process.exit(1);
}
require(main)
  .run(process.argv)
  .then((code) => process.exit(code));
