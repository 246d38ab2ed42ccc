import type { components } from '@libs/client';
import { Context } from './context';
import { CliError, EXIT_USAGE } from './errors';
import { formatTable } from './output';

export type GameServer = components['schemas']['GameServerOutputDTO'];
export type Node = components['schemas']['NodeOutputDTO'];
export type Workload = components['schemas']['WorkloadOutputDTO'];
export type ApiToken = components['schemas']['ApiTokenOutputDTO'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** Exactly one match by name, or an error: none (exit 1), several (exit 2, with the candidates to pick an id from). */
function one<T extends { id: string; name: string }>(kind: string, ref: string, found: T[]): T {
  if (found.length === 1) return found[0];
  if (!found.length) throw new CliError(`no ${kind} named "${ref}"`);
  const list = formatTable(found, [
    { header: 'ID', value: (r) => r.id },
    { header: 'NAME', value: (r) => r.name },
  ]);
  throw new CliError(`"${ref}" names ${found.length} ${kind}s; use an id:\n${list.trimEnd()}`, EXIT_USAGE);
}

/** A game server by id or unique name. An unknown id answers with the API's own error. */
export async function resolveServer(ctx: Context, ref: string): Promise<GameServer> {
  const { client } = ctx;
  if (isUuid(ref)) return client.call(client.GET('/gameserver/{id}', { params: { path: { id: ref } } }));
  const found = await client.call(client.POST('/gameserver/search', { body: { filters: { name: ref }, limit: 20 } }));
  return one('game server', ref, found as GameServer[]);
}

export async function resolveNode(ctx: Context, ref: string): Promise<Node> {
  const { client } = ctx;
  if (isUuid(ref)) return client.call(client.GET('/node/{id}', { params: { path: { id: ref } } }));
  const found = await client.call(client.POST('/node/search', { body: { filters: { name: ref }, limit: 20 } }));
  return one('node', ref, found as Node[]);
}

export async function resolveWorkload(ctx: Context, ref: string): Promise<Workload> {
  const { client } = ctx;
  if (isUuid(ref)) return client.call(client.GET('/workload/{id}', { params: { path: { id: ref } } }));
  const found = await client.call(client.POST('/workload/search', { body: { filters: { name: ref }, limit: 20 } }));
  return one('workload', ref, found as Workload[]);
}

export async function resolveToken(ctx: Context, ref: string): Promise<ApiToken> {
  const { client } = ctx;
  if (isUuid(ref)) return client.call(client.GET('/apitoken/{id}', { params: { path: { id: ref } } }));
  const found = await client.call(client.POST('/apitoken/search', { body: { filters: { name: ref, revokedAt: null }, limit: 20 } }));
  return one('API token', ref, found as ApiToken[]);
}
