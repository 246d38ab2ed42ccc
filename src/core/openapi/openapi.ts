import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { VERSION } from '../version';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Outpost API')
    .setDescription(
      'Multi-tenant game-server hosting. Replies use the envelope `{ meta, data }`; errors are `{ meta: { error: { code, message, details } }, data: null }`. ' +
        'Select the tenant with the `x-takaro-domain` header (or the `takaro-domain` cookie set by `POST /selected-domain/:id`).',
    )
    .setVersion(VERSION)
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'apiKey')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-takaro-domain' }, 'domain')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey: string, methodKey: string) => `${controllerKey}${methodKey[0].toUpperCase()}${methodKey.slice(1)}`,
  });
  return sortKeys(document) as OpenAPIObject;
}

/** Serves the explorer at /api.html and the spec at /openapi.json. */
export function setupOpenApi(app: INestApplication): void {
  let document: OpenAPIObject | undefined;
  SwaggerModule.setup('api.html', app, () => (document ??= buildOpenApiDocument(app)), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'Outpost API',
    useGlobalPrefix: false,
  });
}

/** Stable key order so the committed openapi.json only changes when the API does. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
