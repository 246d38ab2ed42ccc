import { applyDecorators, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiExtension, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { AppError } from '../../../core/errors/app-error';
import { ErrorCode } from '../../../core/errors/error-codes';
import { Public } from '../../../core/http/public.decorator';
import { V1ErrorDTO } from './v1.dto';
import { V1Controller } from './v1.decorators';

/**
 * Seed 001 routes of capabilities Outpost does not offer. Each answers
 * `501 { "error": "<capability> is not available on this server" }` — never a fake success — to
 * anyone (no credentials needed: nothing is read or changed). docs/compat-v1.md lists them.
 */
export const UNSUPPORTED_CAPABILITIES = {
  github: 'GitHub OAuth',
  power: 'Node power management',
  resize: 'Node resizing',
  firewall: 'Node firewall management',
  provision: 'Cloud provisioning',
  credentials: 'Cloud credentials',
  dns: 'DNS management',
  ssh: 'The SSH certificate authority',
  billing: 'Billing',
  tunnel: 'Tunnel statistics',
  support: 'The support widget',
  sshKeys: 'SSH key management',
  s3Buckets: 'S3 bucket management',
  migrations: 'Migration records',
  webhookNoToken: 'A webhook receiver without a token in its URL (use the github_url or gitlab_url of a webhook token)',
  adminMetrics: 'The admin metrics dashboard (Prometheus metrics are at GET /metrics)',
  logSettings: 'Changing log settings at runtime',
  systemBackup: 'Instance-wide backup configuration (it is per organization: /v1/backup-config)',
  terminal: 'The node host terminal',
  processKill: 'Killing node processes',
  pricing: 'Cloud provider pricing',
} as const;

type Capability = keyof typeof UNSUPPORTED_CAPABILITIES;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** method, path (Nest syntax), capability — in seed 001's order. */
export const UNSUPPORTED_ROUTES: ReadonlyArray<readonly [Method, string, Capability]> = [
  ['GET', 'auth/github', 'github'],
  ['GET', 'auth/github/callback', 'github'],
  ['POST', 'nodes/:id/power/start', 'power'],
  ['POST', 'nodes/:id/power/stop', 'power'],
  ['POST', 'nodes/:id/power/reboot', 'power'],
  ['GET', 'nodes/:id/power/status', 'power'],
  ['POST', 'nodes/:id/resize', 'resize'],
  ['GET', 'nodes/:id/firewall/rules', 'firewall'],
  ['POST', 'nodes/:id/firewall/rules', 'firewall'],
  ['DELETE', 'nodes/:id/firewall/rules', 'firewall'],
  ['GET', 'nodes/:id/ssh', 'ssh'],
  ['GET', 'nodes/:id/terminal', 'terminal'],
  ['POST', 'nodes/:id/processes/:pid/kill', 'processKill'],
  ['GET', 'planner/pricing', 'pricing'],
  ['GET', 'provision', 'provision'],
  ['POST', 'provision', 'provision'],
  ['GET', 'provision/:id', 'provision'],
  ['POST', 'provision/:id/plan', 'provision'],
  ['POST', 'provision/:id/apply', 'provision'],
  ['DELETE', 'provision/:id', 'provision'],
  ['GET', 'provision/providers', 'provision'],
  ['GET', 'credentials', 'credentials'],
  ['POST', 'credentials', 'credentials'],
  ['GET', 'credentials/:id', 'credentials'],
  ['PUT', 'credentials/:id', 'credentials'],
  ['DELETE', 'credentials/:id', 'credentials'],
  ['POST', 'credentials/:id/default', 'credentials'],
  ['POST', 'credentials/:id/verify', 'credentials'],
  ['GET', 'dns/zones', 'dns'],
  ['GET', 'dns/zones/:zoneId/records', 'dns'],
  ['GET', 'dns/records', 'dns'],
  ['POST', 'dns/records', 'dns'],
  ['PUT', 'dns/records/:id', 'dns'],
  ['DELETE', 'dns/records/:id', 'dns'],
  ['GET', 'dns/auto-config', 'dns'],
  ['PUT', 'dns/auto-config', 'dns'],
  ['GET', 'ssh/ca-public-key', 'ssh'],
  ['POST', 'ssh/certificate', 'ssh'],
  ['GET', 'ssh/certificates', 'ssh'],
  ['GET', 'ssh/certificates/:id', 'ssh'],
  ['POST', 'ssh/certificates/:id/revoke', 'ssh'],
  ['GET', 'ssh/ca/keys', 'ssh'],
  ['POST', 'ssh/ca/keys', 'ssh'],
  ['POST', 'ssh/ca/keys/rotate', 'ssh'],
  ['GET', 'billing/plans', 'billing'],
  ['GET', 'billing/org/subscription', 'billing'],
  ['GET', 'billing/org/usage', 'billing'],
  ['GET', 'billing/org/limits', 'billing'],
  ['POST', 'billing/org/subscribe', 'billing'],
  ['POST', 'billing/org/cancel', 'billing'],
  ['POST', 'billing/org/portal', 'billing'],
  ['GET', 'billing/org/cloud-costs', 'billing'],
  ['GET', 'billing/org/cloud-costs/forecast', 'billing'],
  ['POST', 'billing/org/cloud-costs/refresh', 'billing'],
  ['POST', 'webhooks/stripe', 'billing'],
  ['GET', 'tunnel/stats', 'tunnel'],
  ['GET', 'tunnel/agents', 'tunnel'],
  ['GET', 'admin/plans', 'billing'],
  ['POST', 'admin/plans', 'billing'],
  ['PUT', 'admin/plans/:id', 'billing'],
  ['DELETE', 'admin/plans/:id', 'billing'],
  ['GET', 'admin/subscriptions', 'billing'],
  ['PUT', 'admin/subscriptions/:id', 'billing'],
  ['POST', 'backup-config/s3-buckets', 's3Buckets'],
  ['GET', 'backup-config/s3-buckets', 's3Buckets'],
  ['GET', 'migrations', 'migrations'],
  ['GET', 'migrations/:id', 'migrations'],
  ['POST', 'migrations/:id/cancel', 'migrations'],
  ['POST', 'webhooks/github', 'webhookNoToken'],
  ['POST', 'webhooks/gitlab', 'webhookNoToken'],
  ['POST', 'settings/ssh-keys', 'sshKeys'],
  ['DELETE', 'settings/ssh-keys/:name', 'sshKeys'],
  ['POST', 'settings/ssh-keys/:name/default', 'sshKeys'],
  ['GET', 'admin/metrics', 'adminMetrics'],
  ['GET', 'admin/settings/logs', 'logSettings'],
  ['PUT', 'admin/settings/logs', 'logSettings'],
  ['POST', 'support/messages', 'support'],
  ['GET', 'support/helpscout/signature', 'support'],
  ['GET', 'system/backup-config', 'systemBackup'],
];

export function unsupportedMessage(capability: Capability): string {
  return `${UNSUPPORTED_CAPABILITIES[capability]} is not available on this server`;
}

const ROUTE = { GET: Get, POST: Post, PUT: Put, DELETE: Delete } as const;

/** `POST provision/:id/plan` → `postProvisionIdPlan` (the OpenAPI operation id's method part). */
function handlerName(method: Method, path: string): string {
  const words = path.split(/[/:-]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** One handler per route of the table, each with its own OpenAPI operation and 501 reply. */
@V1Controller()
@Controller('v1')
export class V1UnsupportedController {}

for (const [method, path, capability] of UNSUPPORTED_ROUTES) {
  const message = unsupportedMessage(capability);
  const name = handlerName(method, path);
  const handler = function (): never {
    throw new AppError(ErrorCode.NotImplementedError, message);
  };
  // The OpenAPI operation id (and the audit action) come from the function's name.
  Object.defineProperty(handler, 'name', { value: name });
  Object.defineProperty(V1UnsupportedController.prototype, name, { value: handler, writable: true, configurable: true, enumerable: false });
  const descriptor = Object.getOwnPropertyDescriptor(V1UnsupportedController.prototype, name)!;
  applyDecorators(
    ROUTE[method](path),
    Public(),
    HttpCode(501),
    ApiOperation({ summary: `Not available on Outpost: ${message}` }),
    ApiResponse({ status: 501, type: V1ErrorDTO, description: `{ "error": "${message}" }` }),
    // Its one documented reply is the 501: clients and the OpenAPI contract test read this flag.
    ApiExtension('x-not-available', true),
  )(V1UnsupportedController.prototype, name, descriptor);
}
