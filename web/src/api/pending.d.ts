/**
 * The game-server and workload contract (issue 10's brief) for routes that are not yet in
 * ../../openapi.json. `ApiPaths` in client.ts lets the generated schema win for every path it
 * has, so these entries retire themselves as the real routes land (`npm run gen:api`).
 */
import type { components } from './schema';

type Meta = components['schemas']['MetaDTO'];
type Envelope<T> = { meta: Meta; data: T };
type Json<T> = { content: { 'application/json': T } };
type Ok<T> = { headers: { [name: string]: unknown }; content: { 'application/json': Envelope<T> } };
type Params<P = never, Q = never> = [P] extends [never]
  ? { query?: Q; header?: never; path?: never; cookie?: never }
  : { query?: Q; header?: never; path: P; cookie?: never };
type Op<Body, Res, P = never, Q = never> = {
  parameters: Params<P, Q>;
  requestBody: Json<Body>;
  responses: { 200: Ok<Res>; 201: Ok<Res> };
};
type NoBody<Res, P = never, Q = never> = { parameters: Params<P, Q>; requestBody?: never; responses: { 200: Ok<Res>; 201: Ok<Res> } };
type Id = { id: string };

export type GameServerState = 'installing' | 'install_failed' | 'offline' | 'starting' | 'running' | 'stopping' | 'crashed';

export interface WorkloadVariable {
  name: string;
  description: string;
  envVariable: string;
  defaultValue: string;
  userViewable: boolean;
  userEditable: boolean;
  rules: string;
}

export interface Workload {
  id: string;
  domainId: string;
  name: string;
  description: string;
  template: string | null;
  definition: { variables?: WorkloadVariable[]; [key: string]: unknown };
  createdAt: string;
  updatedAt: string;
}

export interface WorkloadTemplate {
  id: string;
  name: string;
  description: string;
  images: string[];
}

export interface GameServer {
  id: string;
  domainId: string;
  name: string;
  workloadId: string;
  nodeId: string;
  image: string;
  variables: Record<string, string>;
  memoryMiB: number;
  cpuPercent: number;
  diskMiB: number;
  state: GameServerState;
  stateReason: string | null;
  lastExitCode: number | null;
  oomKilled: boolean;
  startedAt: string | null;
  createdAt: string;
  updatedAt: string;
  node?: { id: string; name: string; address: string; state: string };
  workload?: { id: string; name: string };
  allocations?: Array<{ ip?: string; port: number; primary?: boolean }>;
}

export interface GameServerStats {
  cpuPercent: number;
  memoryBytes: number;
  memoryLimitBytes: number;
  networkRxBytes: number;
  networkTxBytes: number;
  pids: number;
  diskBytes?: number;
  timestamp: string;
}

export interface FileEntry {
  name: string;
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
  mode: string;
  modifiedAt: string;
}

export interface GameServerSearch {
  search?: { name?: string[] | string };
  filters?: { state?: GameServerState[]; nodeId?: string[] };
  page?: number;
  limit?: number;
  sortBy?: string;
  sortDirection?: 'asc' | 'desc';
  extend?: Array<'node' | 'workload'>;
}

export interface GameServerCreate {
  name: string;
  workloadId: string;
  nodeId?: string;
  variables?: Record<string, string>;
  memoryMiB?: number;
  cpuPercent?: number;
  diskMiB?: number;
}

type PathQ = { path?: string };

export interface PendingPaths {
  '/gameserver/search': { post: Op<GameServerSearch, GameServer[]> };
  '/gameserver': { post: Op<GameServerCreate, GameServer> };
  '/gameserver/{id}': { get: NoBody<GameServer, Id>; delete: NoBody<unknown, Id> };
  '/gameserver/{id}/start': { post: NoBody<GameServer, Id> };
  '/gameserver/{id}/stop': { post: NoBody<GameServer, Id> };
  '/gameserver/{id}/restart': { post: NoBody<GameServer, Id> };
  '/gameserver/{id}/kill': { post: NoBody<GameServer, Id> };
  '/gameserver/{id}/stats': { get: NoBody<GameServerStats, Id> };
  '/gameserver/{id}/install-logs': { get: NoBody<{ log?: string; lines?: string[] } | string, Id> };
  '/gameserver/{id}/files': { get: NoBody<FileEntry[], Id, PathQ>; delete: Op<{ paths: string[] }, unknown, Id> };
  '/gameserver/{id}/files/content': { get: NoBody<{ content: string }, Id, { path: string }>; put: Op<{ path: string; content: string }, unknown, Id> };
  '/gameserver/{id}/files/download': { get: NoBody<unknown, Id, { path: string }> };
  '/gameserver/{id}/files/rename': { post: Op<{ from: string; to: string }, unknown, Id> };
  '/gameserver/{id}/files/mkdir': { post: Op<{ path: string }, unknown, Id> };
  '/workload/search': { post: Op<{ search?: { name?: string[] }; page?: number; limit?: number }, Workload[]> };
  '/workload/templates': { get: NoBody<WorkloadTemplate[]> };
  '/workload/from-template': { post: Op<{ template: string; name?: string }, Workload> };
  '/workload/{id}': { get: NoBody<Workload, Id> };
}
