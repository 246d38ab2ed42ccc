import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package version, read from package.json next to the build (dist/src/core → the project root). */
function readVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
  if (typeof version !== 'string') throw new Error('package.json has no version');
  return version;
}

export const VERSION: string = readVersion();
