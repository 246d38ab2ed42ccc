import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from '../app.factory';
import { loadConfig } from '../core/config/app-config';
import { buildOpenApiDocument } from '../core/openapi/openapi';

/** `npm run openapi`: writes openapi.json at the repository root (no database needed). */
export async function generateOpenApiJson(): Promise<string> {
  const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', JWT_SECRET: 'openapi-generation-only-secret-0123456789' }), { connectDatabase: false, quiet: true });
  try {
    return JSON.stringify(buildOpenApiDocument(app), null, 2) + '\n';
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  generateOpenApiJson()
    .then((json) => {
      const target = resolve(__dirname, '../../../openapi.json');
      writeFileSync(target, json);
      process.stdout.write(`wrote ${target}\n`);
    })
    .catch((err) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    });
}
