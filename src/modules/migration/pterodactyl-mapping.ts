// Why this file is over 300 lines: every panel answer's parsing and its mapping to Outpost (limits, ports, egg)
// sit side by side, pure, so one file shows what the import takes from Pterodactyl and how.
/**
 * Pterodactyl application API answers → Outpost's shapes, pure (no I/O).
 *
 * Shapes as the panel's transformers write them (pterodactyl/panel
 * app/Transformers/Api/Application: ServerTransformer, EggTransformer, AllocationTransformer,
 * EggVariableTransformer / ServerVariableTransformer), wrapped by Fractal as
 * `{ object, attributes, relationships? }`; lists as `{ object: 'list', data, meta.pagination }`.
 */
import type { RequestedPort } from '../gameserver/gameserver.service';
import type { ResourceDefaults } from '../workload/definition/workload-definition';
import { AppError } from '../../core/errors/app-error';
import { panelError } from './pterodactyl-client';
import { MAX_ALLOCATIONS_PER_SERVER } from '../gameserver/dto/allocation.dto';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface PanelAllocation {
  id: number;
  ip: string;
  alias: string | null;
  port: number;
}

export interface PanelServer {
  id: number;
  uuid: string;
  identifier: string;
  name: string;
  description: string;
  limits: { memory: number; swap: number; disk: number; io: number; cpu: number; threads: string | null };
  featureLimits: { databases: number | null; allocations: number | null; backups: number | null };
  /** The primary allocation's id. */
  allocation: number;
  nest: number;
  egg: number;
  eggName: string | null;
  startup: string;
  image: string;
  environment: Record<string, string>;
  /** null: the panel did not include them (the key lacks read on allocations). */
  allocations: PanelAllocation[] | null;
  /** The server's values of its egg's variables (server_value, else default_value); null when not included. */
  variables: Record<string, string> | null;
}

export interface PanelPagination {
  total: number;
  count: number;
  perPage: number;
  currentPage: number;
  totalPages: number;
}

function num(o: Obj, key: string, fallback?: number): number {
  const v = o[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (fallback !== undefined) return fallback;
  throw panelError('notAPanel', `The panel's answer has no number "${key}": this does not look like a Pterodactyl panel.`);
}

function text(o: Obj, key: string): string {
  const v = o[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

function attributes(item: unknown, object: string): Obj {
  if (!isObj(item) || item.object !== object || !isObj(item.attributes)) {
    throw panelError('notAPanel', `The panel's answer is not a "${object}" object: this does not look like a Pterodactyl application API.`);
  }
  return item.attributes;
}

/** A relationship list (`relationships.<name>.data[].attributes`), or null when absent or a null resource. */
function relationList(attrs: Obj, name: string, object: string): Obj[] | null {
  const rel = isObj(attrs.relationships) ? attrs.relationships[name] : undefined;
  if (!isObj(rel) || rel.object !== 'list' || !Array.isArray(rel.data)) return null;
  return rel.data.map((item) => attributes(item, object));
}

/** A scalar as text ('' for null, objects and arrays: panels never send those as values). */
function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function variableValue(v: Obj): string {
  return scalar(v.server_value ?? v.default_value);
}

export function parseServer(item: unknown): PanelServer {
  const a = attributes(item, 'server');
  const limits = isObj(a.limits) ? a.limits : {};
  const features = isObj(a.feature_limits) ? a.feature_limits : {};
  const container = isObj(a.container) ? a.container : {};
  const environment: Record<string, string> = {};
  if (isObj(container.environment)) for (const [k, v] of Object.entries(container.environment)) environment[k] = scalar(v);
  const eggRel = isObj(a.relationships) && isObj(a.relationships.egg) && a.relationships.egg.object === 'egg' && isObj(a.relationships.egg.attributes) ? a.relationships.egg.attributes : null;
  const allocations = relationList(a, 'allocations', 'allocation');
  const variables = relationList(a, 'variables', 'server_variable');
  const optNum = (o: Obj, k: string) => (o[k] === null || o[k] === undefined ? null : num(o, k, 0));
  return {
    id: num(a, 'id'),
    uuid: text(a, 'uuid'),
    identifier: text(a, 'identifier'),
    name: text(a, 'name'),
    description: text(a, 'description'),
    limits: {
      memory: num(limits, 'memory', 0),
      swap: num(limits, 'swap', 0),
      disk: num(limits, 'disk', 0),
      io: num(limits, 'io', 500),
      cpu: num(limits, 'cpu', 0),
      threads: typeof limits.threads === 'string' && limits.threads !== '' ? limits.threads : null,
    },
    featureLimits: { databases: optNum(features, 'databases'), allocations: optNum(features, 'allocations'), backups: optNum(features, 'backups') },
    allocation: num(a, 'allocation', 0),
    nest: num(a, 'nest'),
    egg: num(a, 'egg'),
    eggName: eggRel ? text(eggRel, 'name') : null,
    startup: text(container, 'startup_command'),
    image: text(container, 'image'),
    environment,
    allocations: allocations?.map((al) => ({ id: num(al, 'id'), ip: text(al, 'ip'), alias: typeof al.alias === 'string' ? al.alias : null, port: num(al, 'port') })) ?? null,
    variables: variables ? Object.fromEntries(variables.map((v) => [text(v, 'env_variable'), variableValue(v)])) : null,
  };
}

export function parseServerList(body: unknown): { servers: PanelServer[]; pagination: PanelPagination } {
  if (!isObj(body) || body.object !== 'list' || !Array.isArray(body.data)) {
    throw panelError('notAPanel', 'The panel did not answer with a list of servers: this does not look like a Pterodactyl application API.');
  }
  const p = isObj(body.meta) && isObj(body.meta.pagination) ? body.meta.pagination : {};
  const servers = body.data.map(parseServer);
  return {
    servers,
    pagination: {
      total: num(p, 'total', servers.length),
      count: num(p, 'count', servers.length),
      perPage: num(p, 'per_page', servers.length),
      currentPage: num(p, 'current_page', 1),
      totalPages: num(p, 'total_pages', 1),
    },
  };
}

/** The total of a list answer (validate reads `?per_page=1`). */
export function listTotal(body: unknown, what: string): number {
  if (!isObj(body) || body.object !== 'list') throw panelError('notAPanel', `The panel did not answer with a list of ${what}: this does not look like a Pterodactyl application API.`);
  const p = isObj(body.meta) && isObj(body.meta.pagination) ? body.meta.pagination : {};
  return num(p, 'total', Array.isArray(body.data) ? body.data.length : 0);
}

export interface PanelEgg {
  id: number;
  uuid: string;
  nest: number;
  name: string;
  attributes: Obj;
  variables: Obj[];
  /** `config.extends` / `script.extends`: the egg of the same nest this one inherits config / install script from. */
  configFrom: number | null;
  scriptFrom: number | null;
}

export function parseEgg(body: unknown): PanelEgg {
  const a = attributes(body, 'egg');
  const config = isObj(a.config) ? a.config : {};
  const script = isObj(a.script) ? a.script : {};
  const from = (v: unknown) => (typeof v === 'number' && v > 0 ? v : null);
  return {
    id: num(a, 'id'),
    uuid: text(a, 'uuid'),
    nest: num(a, 'nest', 0),
    name: text(a, 'name'),
    attributes: a,
    variables: relationList(a, 'variables', 'egg_variable') ?? [],
    configFrom: from(config.extends),
    scriptFrom: from(script.extends),
  };
}

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);

/**
 * The egg as a PTDL_v2 export, which the workload module's egg import reads. Config and install
 * script inherited from another egg (`extends`) are resolved from `parents` the way the panel does:
 * a field the egg leaves empty comes from the egg it extends.
 */
export function eggToPtdl(egg: PanelEgg, parents: { config?: PanelEgg; script?: PanelEgg } = {}): Record<string, unknown> {
  const a = egg.attributes;
  const config = isObj(a.config) ? a.config : {};
  const parentConfig = parents.config && isObj(parents.config.attributes.config) ? parents.config.attributes.config : {};
  const pick = (key: string) => (empty(config[key]) ? parentConfig[key] : config[key]);
  const script = isObj(a.script) ? a.script : {};
  const parentScript = parents.script && isObj(parents.script.attributes.script) ? parents.script.attributes.script : {};
  const installFrom = egg.scriptFrom !== null && parents.script ? parentScript : script;
  let images: unknown = a.docker_images;
  if (Array.isArray(images)) images = Object.fromEntries(images.filter((i) => typeof i === 'string').map((i: string) => [i, i]));
  if (empty(images) && typeof a.docker_image === 'string' && a.docker_image) images = { [a.docker_image]: a.docker_image };
  return {
    meta: { version: 'PTDL_v2', update_url: null },
    name: text(a, 'name'),
    author: typeof a.author === 'string' ? a.author : undefined,
    ...(egg.uuid ? { uuid: egg.uuid } : {}),
    description: typeof a.description === 'string' ? a.description : '',
    docker_images: images,
    file_denylist: Array.isArray(pick('file_denylist')) ? pick('file_denylist') : [],
    startup: text(a, 'startup'),
    config: { files: pick('files') ?? {}, startup: pick('startup') ?? {}, logs: pick('logs') ?? {}, stop: pick('stop') ?? '' },
    scripts: { installation: { script: installFrom.install ?? null, container: installFrom.container ?? '', entrypoint: installFrom.entry ?? '' } },
    variables: egg.variables.map((v) => ({
      name: v.name,
      description: v.description ?? '',
      env_variable: v.env_variable,
      default_value: v.default_value ?? '',
      user_viewable: v.user_viewable ?? false,
      user_editable: v.user_editable ?? false,
      rules: v.rules ?? '',
    })),
  };
}

/** Outpost's bounds for a server (GameServerCreateDTO). */
const BOUNDS = { memoryMiB: [16, 1024 * 1024], cpuPercent: [1, 100 * 256], diskMiB: [16, 1024 * 1024 * 16] } as const;

export interface MappedLimits {
  memoryMiB: number;
  cpuPercent: number;
  diskMiB: number;
  notes: string[];
}

/**
 * Pterodactyl limits → Outpost's. Both count memory and disk in MiB and CPU in percent of one core;
 * Pterodactyl's 0 means unlimited, which Outpost has not: the template's default is used and said.
 */
export function mapLimits(limits: PanelServer['limits'], defaults: Pick<ResourceDefaults, 'memoryMiB' | 'cpuPercent' | 'diskMiB'>): MappedLimits {
  const notes: string[] = [];
  const one = (key: keyof typeof BOUNDS, value: number, label: string): number => {
    const [min, max] = BOUNDS[key];
    if (value <= 0) {
      notes.push(`${label} is unlimited in Pterodactyl; Outpost needs a limit: ${defaults[key]} (the template's default).`);
      return defaults[key];
    }
    const clamped = Math.min(max, Math.max(min, Math.round(value)));
    if (clamped !== value) notes.push(`${label} ${value} is outside Outpost's range ${min}-${max}: ${clamped}.`);
    return clamped;
  };
  const memoryMiB = one('memoryMiB', limits.memory, 'Memory');
  const cpuPercent = one('cpuPercent', limits.cpu, 'CPU');
  const diskMiB = one('diskMiB', limits.disk, 'Disk');
  if (limits.swap !== 0) notes.push(`Swap (${limits.swap === -1 ? 'unlimited' : `${limits.swap} MiB`}) is not carried: Outpost servers run without swap.`);
  if (limits.io !== 500) notes.push(`Block IO weight ${limits.io} is not carried.`);
  if (limits.threads) notes.push(`CPU pinning (threads ${limits.threads}) is not carried.`);
  return { memoryMiB, cpuPercent, diskMiB, notes };
}

export interface PortPlan {
  /** What GameServerService.create reserves: each kept allocation on TCP and UDP, the primary first. */
  ports: RequestedPort[];
  kept: Array<{ port: number; primary: boolean; sourcePort: number | null }>;
  dropped: Array<{ port: number; reason: string }>;
}

/**
 * The server's allocations on the chosen node: each port inside the node's range and free (TCP and
 * UDP, as Wings binds both) is kept at the same number; the others are dropped and said. When the
 * primary cannot be kept, the first free port of the range replaces it (the game must be told).
 * `taken` is updated with what the plan uses, so servers of one batch do not plan the same port.
 */
export function planPorts(
  allocations: PanelAllocation[],
  primaryId: number,
  node: { name: string; portRangeStart: number; portRangeEnd: number },
  taken: { tcp: Set<number>; udp: Set<number> },
): PortPlan {
  const plan: PortPlan = { ports: [], kept: [], dropped: [] };
  const free = (p: number) => !taken.tcp.has(p) && !taken.udp.has(p);
  const ordered = [...allocations].sort((x, y) => Number(y.id === primaryId) - Number(x.id === primaryId) || x.port - y.port);
  const use = (port: number, primary: boolean, sourcePort: number | null) => {
    taken.tcp.add(port);
    taken.udp.add(port);
    plan.kept.push({ port, primary, sourcePort });
    const name = primary ? 'default' : `port-${port}`;
    plan.ports.push({ name, hostPort: port, containerPort: port, protocol: 'tcp' }, { name: `${name}-udp`, hostPort: port, containerPort: port, protocol: 'udp' });
  };
  const firstFree = (): number => {
    for (let p = node.portRangeStart; p <= node.portRangeEnd; p++) if (free(p)) return p;
    throw AppError.conflict(`Node ${node.name} has no free port in ${node.portRangeStart}-${node.portRangeEnd} for the primary allocation.`);
  };
  // The primary is planned first: GameServerService marks the first requested port primary (SERVER_PORT).
  for (const a of ordered) {
    const primary = a.id === primaryId;
    // Each kept port is two allocations (TCP and UDP); a server holds at most MAX_ALLOCATIONS_PER_SERVER.
    if (!primary && plan.ports.length + 2 > MAX_ALLOCATIONS_PER_SERVER) {
      plan.dropped.push({ port: a.port, reason: `a server has at most ${MAX_ALLOCATIONS_PER_SERVER} allocations (${MAX_ALLOCATIONS_PER_SERVER / 2} ports, TCP and UDP)` });
      continue;
    }
    if (plan.kept.some((k) => k.port === a.port)) {
      plan.dropped.push({ port: a.port, reason: 'the same port on another IP of the panel node; Outpost binds each port once' });
    } else if (a.port < node.portRangeStart || a.port > node.portRangeEnd) {
      plan.dropped.push({ port: a.port, reason: `outside node ${node.name}'s port range ${node.portRangeStart}-${node.portRangeEnd}` });
    } else if (!free(a.port)) {
      plan.dropped.push({ port: a.port, reason: `already in use on node ${node.name}` });
    } else {
      use(a.port, primary, a.port);
      continue;
    }
    if (primary) use(firstFree(), true, a.port);
  }
  if (!plan.kept.length) use(firstFree(), true, null);
  // No primary among the panel's allocations: the first kept port becomes it, as GameServerService does.
  if (!plan.kept.some((k) => k.primary)) plan.kept[0].primary = true;
  return plan;
}
