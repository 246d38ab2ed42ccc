import { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { describeAccess, routeAccess } from '../../modules/auth/route-access';
import { VERSION } from '../version';

const operationId = (controllerKey: string, methodKey: string) => `${controllerKey}${methodKey[0].toUpperCase()}${methodKey.slice(1)}`;

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
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  documentAccess(app, document);
  return sortKeys(document) as OpenAPIObject;
}

/**
 * Publishes every operation's access rule (`x-access`, `x-domain`, `x-permission`, and a sentence in
 * its description), read from the route's decorators by the same function PermissionGuard uses.
 */
function documentAccess(app: INestApplication, document: OpenAPIObject): void {
  const byId = new Map<string, OperationObject>();
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item)) {
      if (op && typeof op === 'object' && 'responses' in op) byId.set((op as OperationObject).operationId!, op as OperationObject);
    }
  }
  const reflector = app.get(Reflector);
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const proto = metatype.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler: unknown = key === 'constructor' ? undefined : Object.getOwnPropertyDescriptor(proto, key)?.value;
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const op = byId.get(operationId(metatype.name, key));
        if (!op) continue; // excluded from the document (@ApiExcludeController / @ApiExcludeEndpoint)
        const { extensions, text } = describeAccess(routeAccess(reflector, handler, metatype));
        Object.assign(op, extensions);
        op.description = op.description ? `${op.description}\n\n${text}` : text;
      }
    }
  }
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
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
