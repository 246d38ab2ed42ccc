// Writes libs/client/schema.ts (types for every path and DTO) from openapi.json.
// `npm run openapi` runs it after writing the spec; a test fails when the committed file drifts.
import openapiTS, { astToString } from 'openapi-typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_FILE = join(root, 'libs/client/schema.ts');

export async function renderClientSchema(specJson = readFileSync(join(root, 'openapi.json'), 'utf8')) {
  const ast = await openapiTS(JSON.parse(specJson), { alphabetize: true, defaultNonNullable: false });
  return '/* eslint-disable */\n// Generated from openapi.json by `npm run openapi` (scripts/generate-client.mjs). Do not edit.\n\n' + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, await renderClientSchema());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
