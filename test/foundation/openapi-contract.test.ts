import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { buildOpenApiDocument } from '../../src/core/openapi/openapi';
import { REQUIRED_PERMISSION } from '../../src/modules/auth/auth-context';
import { isPermission } from '../../src/modules/auth/permissions';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, Session } from '../helpers/fixtures';

type Operation = OperationObject & { 'x-access'?: string; 'x-domain'?: string; 'x-permission'?: string; 'x-not-available'?: boolean; 'x-websocket'?: boolean };
interface Op {
  method: string;
  path: string;
  op: Operation;
}
interface Route {
  handler: (...args: unknown[]) => unknown;
  controller: new (...args: unknown[]) => unknown;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const ACCESS_LEVELS = ['public', 'operator', 'instance-admin', 'session', 'authenticated'];
const label = (o: Op) => `${o.method.toUpperCase()} ${o.path}`;

function operations(doc: OpenAPIObject): Op[] {
  const out: Op[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (op) out.push({ method, path, op });
    }
  }
  return out;
}

/** Every handler the application routes, by operationId (the document's operationIdFactory). */
function routesById(t: TestApp): Map<string, Route> {
  const out = new Map<string, Route>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      for (const key of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler = key === 'constructor' ? undefined : Object.getOwnPropertyDescriptor(metatype.prototype, key)?.value;
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        out.set(`${metatype.name}${key[0].toUpperCase()}${key.slice(1)}`, { handler, controller: metatype as Route['controller'] });
      }
    }
  }
  return out;
}

/** The permission PermissionGuard will demand, read straight off the decorator metadata. */
function requiredPermission(route: Route): string | undefined {
  return Reflect.getMetadata(REQUIRED_PERMISSION, route.handler) ?? Reflect.getMetadata(REQUIRED_PERMISSION, route.controller);
}

/** A handler with @Res() (not passthrough) writes the reply itself, status included. */
function writesOwnReply(route: Route): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.handler.name) ?? {}) as Record<string, { data?: { passthrough?: boolean } }>;
  return Object.entries(args).some(([k, arg]) => Number(k.split(':')[0]) === RouteParamtypes.RESPONSE && !arg.data?.passthrough);
}

/**
 * The documented replies a caller gets when nothing is wrong: 2xx, the 501 of a /v1 capability Outpost does not offer
 * (`x-not-available`), or the 101 of a WebSocket path (`x-websocket`: the upgrade, no body).
 */
const successes = (op: Operation) =>
  Object.entries(op.responses ?? {}).filter(([code]) => (op['x-not-available'] ? code === '501' : op['x-websocket'] ? code === '101' : /^2\d\d$/.test(code))) as Array<
    [string, ResponseObject & { 'x-no-body'?: boolean }]
  >;

/** `/organizations/<random uuid>` after concretePath, for routes where the org id must be the caller's domain. */
const ORG_IN_PATH = /\/organizations\/[0-9a-f-]{36}/;

function concretePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'containerId' ? 'abc123' : name === 'action' ? 'start' : randomUUID()));
}

describe('OpenAPI contract: every operation documents its reply and its access rule', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  let ops: Op[];
  let routes: Map<string, Route>;
  let admin: Session;

  before(async () => {
    t = await createTestApp();
    doc = buildOpenApiDocument(t.app);
    ops = operations(doc);
    routes = routesById(t);
    admin = await bootstrapAdmin(t);
  });
  after(async () => {
    await t.close();
  });

  it('finds the operations and maps each to its handler', () => {
    assert.ok(ops.length > 100, `only ${ops.length} operations`);
    const unmapped = ops.filter((o) => !routes.has(o.op.operationId!)).map(label);
    assert.deepEqual(unmapped, [], 'operations whose operationId names no handler');
  });

  it('every operation has a success response with a schema (or is explicitly bodiless)', () => {
    const problems: string[] = [];
    for (const o of ops) {
      const ok = successes(o.op);
      if (ok.length === 0) problems.push(`${label(o)}: no 2xx response`);
      for (const [code, res] of ok) {
        const media = Object.entries(res.content ?? {});
        if (media.length === 0) {
          if (code !== '204' && code !== '101' && !res['x-no-body']) problems.push(`${label(o)} ${code}: no content (use ApiEmptyEnvelope, ApiBinaryResponse or ApiNoBodyResponse)`);
          continue;
        }
        for (const [type, m] of media) {
          if (!m.schema) problems.push(`${label(o)} ${code} ${type}: no schema`);
          else if (type !== 'application/json' && !('type' in m.schema && m.schema.type === 'string'))
            problems.push(`${label(o)} ${code} ${type}: a non-JSON reply is a string (text, or format binary)`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('enveloped routes document { meta, data }', () => {
    const problems: string[] = [];
    for (const o of ops) {
      const route = routes.get(o.op.operationId!)!;
      if (Reflect.getMetadata('outpost:raw-response', route.handler) || Reflect.getMetadata('outpost:raw-response', route.controller)) continue;
      for (const [code, res] of successes(o.op)) {
        const schema = res.content?.['application/json']?.schema as { required?: string[] } | undefined;
        if (!schema || !['meta', 'data'].every((k) => schema.required?.includes(k))) problems.push(`${label(o)} ${code}`);
      }
    }
    assert.deepEqual(problems, [], 'success replies documented without the envelope');
  });

  it('the documented success status is the one the route answers', () => {
    const problems: string[] = [];
    for (const o of ops) {
      const route = routes.get(o.op.operationId!)!;
      if (writesOwnReply(route)) continue; // the handler picks its status (downloads, TUS): documented by hand
      if (o.op['x-websocket']) continue; // the adapter answers the upgrade (101); the handler only refuses plain GETs
      const method = Reflect.getMetadata(METHOD_METADATA, route.handler) as RequestMethod;
      const status = String(Reflect.getMetadata(HTTP_CODE_METADATA, route.handler) ?? (method === RequestMethod.POST ? 201 : 200));
      const documented = successes(o.op).map(([code]) => code);
      if (!documented.includes(status)) problems.push(`${label(o)}: answers ${status}, documents ${documented.join(', ')}`);
    }
    assert.deepEqual(problems, []);
  });

  it('every operation states who may call it, and x-permission is exactly the permission the guard checks', () => {
    const problems: string[] = [];
    for (const o of ops) {
      const { op } = o;
      if (!ACCESS_LEVELS.includes(op['x-access'] ?? '')) problems.push(`${label(o)}: x-access ${op['x-access']}`);
      if (op['x-access'] !== 'public' && !['required', 'optional'].includes(op['x-domain'] ?? '')) problems.push(`${label(o)}: x-domain ${op['x-domain']}`);
      const needed = requiredPermission(routes.get(op.operationId!)!);
      if (op['x-permission'] !== needed) problems.push(`${label(o)}: x-permission ${op['x-permission']}, guard checks ${needed}`);
      if (needed && !isPermission(needed)) problems.push(`${label(o)}: unknown permission ${needed}`);
      if (!op.description?.includes(needed ? `\`${needed}\`` : '')) problems.push(`${label(o)}: description does not name the rule`);
    }
    assert.deepEqual(problems, []);
  });

  it('sampled routes carry the access rule their decorators state', () => {
    const access = (method: string, path: string) => {
      const op: Operation | undefined = doc.paths[path]?.[method as 'get'];
      assert.ok(op, `${method} ${path} is documented`);
      return [op['x-access'], op['x-domain'], op['x-permission']];
    };
    assert.deepEqual(access('get', '/health'), ['public', undefined, undefined]);
    assert.deepEqual(access('post', '/agent/register'), ['public', undefined, undefined]);
    assert.deepEqual(access('get', '/health/detailed'), ['operator', 'optional', undefined]);
    assert.deepEqual(access('get', '/me'), ['authenticated', 'optional', undefined]);
    assert.deepEqual(access('post', '/logout'), ['session', 'optional', undefined]);
    assert.deepEqual(access('post', '/workload'), ['authenticated', 'required', 'workloads.manage']);
    assert.deepEqual(access('get', '/workload/{id}'), ['authenticated', 'required', 'workloads.read']);
    assert.deepEqual(access('post', '/gameserver/{id}/start'), ['authenticated', 'required', 'gameserver.control']);
    assert.deepEqual(access('get', '/gameserver/{id}/files/download'), ['authenticated', 'required', 'files.read']);
  });

  it('without credentials, every non-public operation answers 401', async () => {
    const problems: string[] = [];
    for (const o of ops.filter((x) => x.op['x-access'] !== 'public')) {
      const r = await t.request(o.method.toUpperCase(), concretePath(o.path));
      // Skyport answers in its own error format ({ error }); everything else in the envelope.
      const coded = r.body?.meta ? r.body.meta.error?.code === 'UnauthorizedError' : typeof r.body?.error === 'string';
      if (r.status !== 401 || !coded) problems.push(`${label(o)}: ${r.status} ${r.text.slice(0, 120)}`);
    }
    assert.deepEqual(problems, []);
  });

  it('a caller without the permission is refused every x-permission operation, naming that permission', async () => {
    const role = await t.request('POST', '/role', { token: admin.token, domain: admin.domainId, body: { name: 'Nothing', permissions: [] } });
    assert.equal(role.status, 201, role.text);
    const member = await createMember(t, admin, admin.domainId, 'powerless', 'Nothing');
    // Routes that take only `x-api-key` (Skyport) get an admin's token narrowed to one permission instead.
    const narrow = 'auditlog.read';
    const key = await t.request('POST', '/apitoken', { token: admin.token, domain: admin.domainId, body: { name: 'narrow', permissions: [narrow] } });
    assert.equal(key.status, 201, key.text);
    const apiKeyOnly = (op: Operation) => !!op.security?.length && op.security.every((s) => Object.keys(s).join() === 'apiKey');
    const problems: string[] = [];
    let checked = 0;
    for (const o of ops.filter((x) => x.op['x-permission'] && x.op['x-permission'] !== narrow)) {
      const credentials = apiKeyOnly(o.op) ? { headers: { 'x-api-key': key.body.data.token } } : { token: member.token };
      // /v1's {orgId} is the domain (checked like the header): the caller's own, so the refusal is the permission's.
      const r = await t.request(o.method.toUpperCase(), concretePath(o.path).replace(ORG_IN_PATH, `/organizations/${admin.domainId}`), { ...credentials, domain: admin.domainId });
      // Skyport answers in its own error format ({ error }) and names the permission in the message.
      const permission = o.op['x-permission'];
      const named = r.body?.meta ? r.body.meta.error?.code === 'ForbiddenError' && r.body.meta.error.details?.permission === permission : String(r.body?.error ?? '').includes(permission!);
      if (r.status !== 403 || !named) problems.push(`${label(o)}: ${r.status} ${r.text.slice(0, 120)}`);
      checked++;
    }
    assert.ok(checked > 80, `only ${checked} operations checked`);
    assert.deepEqual(problems, []);
  });

  it('an API token is refused every session operation', async () => {
    const created = await t.request('POST', '/apitoken', { token: admin.token, domain: admin.domainId, body: { name: 'contract' } });
    assert.equal(created.status, 201, created.text);
    const problems: string[] = [];
    for (const o of ops.filter((x) => x.op['x-access'] === 'session')) {
      const r = await t.request(o.method.toUpperCase(), concretePath(o.path).replace(ORG_IN_PATH, `/organizations/${admin.domainId}`), { token: created.body.data.token, domain: admin.domainId });
      // The /v1 dialect answers { error } (docs/compat-v1.md); everything else the envelope.
      const refusal = r.body?.meta ? (r.body.meta.error?.code === 'ForbiddenError' ? r.body.meta.error.message : undefined) : r.body?.error;
      if (r.status !== 403 || !/API tokens cannot/.test(refusal ?? '')) problems.push(`${label(o)}: ${r.status} ${r.text.slice(0, 120)}`);
    }
    assert.deepEqual(problems, []);
  });
});
