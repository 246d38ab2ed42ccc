import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The project version from package.json at the root (dist/libs/cli → the root); the bundle inlines its own package's version instead. */
function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const VERSION: string = readVersion();
