import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { AppError } from '../../../core/errors/app-error';
import { DomainId, isUuid } from '@libs/tenancy/domain-id';
import { Principal, RequestAuth } from '../../auth/auth-context';
import { GameServerOutputDTO } from '../../gameserver/dto/gameserver.dto';
import type { GameServer } from '../../gameserver/gameserver.types';
import { GameServerService, RequestedPort } from '../../gameserver/gameserver.service';
import { canSeeVariable } from '../../workload/definition/variable-visibility';
import { MembershipService } from '../../membership/membership.service';
import { NodeOutputDTO } from '../../node/dto/node.dto';
import { Node, NodeHardwareText, nodeState } from '../../node/node.types';
import { NodeService } from '../../node/node.service';
import { RoleService } from '../../role/role.service';
import { USERNAME_RULE } from '../../user/dto/user.dto';
import type { User } from '../../user/user.types';
import { UserService } from '../../user/user.service';
import { WorkloadOutputDTO } from '../../workload/dto/workload.dto';
import { WorkloadService } from '../../workload/workload.service';
import {
  SkyportCreateNodeDTO,
  SkyportCreateUserDTO,
  SkyportDeployDTO,
  SkyportDeployedDTO,
  SkyportGetUserDTO,
  SkyportImageDTO,
  SkyportInstanceDTO,
  SkyportMessageDTO,
  SkyportNodeCreatedDTO,
  SkyportNodeDTO,
  SkyportUserDTO,
} from './skyport.dto';
import { SkyportError } from './skyport.errors';
import { cpuThreadsToPercent, formatPorts, missing, mibToGb, nodeCapacity, parsePorts, parseTags, percentToThreads, primaryPair, specText, toInteger } from './skyport.mapping';

// Why this file is over 300 lines: one method per Skyport route (seed 002), each a short mapping onto
// Outpost services; keeping the whole dialect in one place makes it easy to hold against the seed.

const PAGE = 1000;
const NODE_STATUS: Record<string, string> = { online: 'Online', offline: 'Offline', pending: 'Unconfigured' };
const ADDRESS = /^[A-Za-z0-9.:-]{1,253}$/;
const str = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '');

/**
 * Skyport's panel API over Outpost's domain-scoped core, through the owning modules' services.
 * Everything is read and written through the key's domain: other domains' users, nodes and
 * servers don't exist here (400/404, never data).
 */
@Injectable()
export class SkyportService {
  constructor(
    private readonly users: UserService,
    private readonly memberships: MembershipService,
    private readonly roles: RoleService,
    private readonly nodes: NodeService,
    private readonly servers: GameServerService,
    private readonly workloads: WorkloadService,
  ) {}

  // ───────────── users ─────────────

  async listUsers(domainId: DomainId): Promise<SkyportUserDTO[]> {
    return this.toUsers(domainId, await this.users.membersOf(domainId));
  }

  async getUser(domainId: DomainId, body: SkyportGetUserDTO): Promise<SkyportUserDTO> {
    if (missing(body.type, body.value)) throw new SkyportError(400, 'Type and value are required');
    if (body.type !== 'email' && body.type !== 'username') throw new SkyportError(400, 'Invalid search type. Use "email" or "username".');
    const user = await this.users.findMemberBy(domainId, body.type, str(body.value));
    if (!user) throw new SkyportError(400, 'User not found');
    return (await this.toUsers(domainId, [user]))[0];
  }

  async createUser(domainId: DomainId, auth: RequestAuth, body: SkyportCreateUserDTO): Promise<Omit<SkyportUserDTO, 'accessTo'>> {
    if (missing(body.username, body.email, body.password)) throw new SkyportError(400, 'Username, email, and password are required');
    const username = str(body.username);
    const email = str(body.email);
    const password = typeof body.password === 'string' ? body.password : String(body.password);
    if (!USERNAME_RULE.test(username)) throw new SkyportError(400, 'username must be 3-32 characters: letters, digits, _ . -');
    if (!isEmail(email)) throw new SkyportError(400, 'email must be an email address');
    if (password.length < 10 || password.length > 256) throw new SkyportError(400, 'password must be 10-256 characters');

    let roleIds: string[] | undefined;
    if (body.admin === true) {
      const admin = await this.roles.findByName(domainId, 'Admin');
      if (!admin) throw new SkyportError(400, 'This domain has no Admin role');
      roleIds = [admin.id];
    }
    try {
      // One transaction for the account and its membership; the privilege ceiling is UserService's
      // (PrivilegePolicy): a key can't mint an account stronger than itself. An existing username or email is a 409.
      const created = await this.users.create(auth, domainId, { username, email, password, roleIds });
      return { userId: created.id, email: created.email, username: created.username, admin: body.admin === true };
    } catch (err) {
      if (err instanceof AppError && err.status === 409) throw new SkyportError(409, 'User already exists');
      if (err instanceof AppError && err.status === 403) throw new SkyportError(403, err.message);
      throw err;
    }
  }

  private async toUsers(domainId: DomainId, users: User[]): Promise<SkyportUserDTO[]> {
    if (!users.length) return [];
    const admins = await this.memberships.adminUserIds(domainId);
    const owned = new Map<string, string[]>();
    for (const s of await this.servers.list(domainId)) {
      if (s.ownerId) owned.set(s.ownerId, [...(owned.get(s.ownerId) ?? []), s.id]);
    }
    // Only these fields leave: never password hashes, MFA secrets or other domains' memberships.
    return users.map((u) => ({ userId: u.id, username: u.username, email: u.email, admin: admins.has(u.id), accessTo: owned.get(u.id) ?? [] }));
  }

  // ───────────── instances ─────────────

  /** `auth`: the key's permissions decide what the replies carry (hidden template variables only with workloads.manage). */
  async listInstances(domainId: DomainId, auth: RequestAuth, filters: { id?: string; ownerId?: string } = {}): Promise<SkyportInstanceDTO[]> {
    const found: GameServerOutputDTO[] = [];
    const canManageWorkloads = auth.permissions.has('workloads.manage');
    for (let page = 0; ; page++) {
      const r = await this.servers.search(domainId, { filters, extend: ['allocations', 'node'], sortBy: 'createdAt', sortDirection: 'asc', page, limit: PAGE }, canManageWorkloads);
      found.push(...r.items);
      if (found.length >= r.total || r.items.length === 0) break;
    }
    if (!found.length) return [];
    const containers = new Map((await this.servers.list(domainId, filters)).map((s) => [s.id, s.containerId]));
    return found.map((s) => this.toInstance(s, containers.get(s.id) ?? null));
  }

  async getInstance(domainId: DomainId, auth: RequestAuth, id: unknown): Promise<SkyportInstanceDTO> {
    if (missing(id)) throw new SkyportError(400, 'Parameter "id" is required');
    const server = await this.findServer(domainId, str(id));
    if (!server) throw new SkyportError(400, 'Instance not found');
    return (await this.listInstances(domainId, auth, { id: server.id }))[0];
  }

  async getUserInstances(domainId: DomainId, auth: RequestAuth, userId: unknown): Promise<SkyportInstanceDTO[]> {
    if (missing(userId)) throw new SkyportError(400, 'Parameter "userId" is required');
    const id = str(userId);
    if (!isUuid(id) || !(await this.memberships.isMember(domainId, id))) throw new SkyportError(400, 'User not found');
    return this.listInstances(domainId, auth, { ownerId: id });
  }

  /** Skyport addresses instances by ContainerId; Outpost by Id. Both are accepted. */
  private async findServer(domainId: DomainId, id: string): Promise<GameServer | null> {
    if (!isUuid(id) && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(id)) return null;
    return this.servers.findByIdOrContainerId(domainId, id);
  }

  async deploy(domainId: DomainId, auth: RequestAuth, body: SkyportDeployDTO): Promise<SkyportDeployedDTO> {
    const { image, memory, cpu, ports, nodeId, name, user, primary } = body;
    if (missing(image, memory, cpu, ports, nodeId, name, user, primary)) throw new SkyportError(400, 'Missing parameters');
    if (!auth.permissions.has('gameserver.control')) throw new SkyportError(403, 'Missing permission gameserver.control (deploy starts the instance)');

    const serverName = str(name);
    if (serverName.length < 1 || serverName.length > 100) throw new SkyportError(400, 'name must be 1-100 characters');
    const memoryMiB = toInteger(memory);
    if (memoryMiB === null || memoryMiB < 16 || memoryMiB > 1024 * 1024) throw new SkyportError(400, 'memory must be a whole number of MiB between 16 and 1048576');
    const cpuPercent = cpuThreadsToPercent(cpu);
    if (cpuPercent === null || cpuPercent > 100 * 256) throw new SkyportError(400, 'cpu must be a positive number of CPU threads, at most 256 (e.g. "1", "2" or "0.5")');
    const pairs = parsePorts(ports);
    if (typeof pairs === 'string') throw new SkyportError(400, pairs);
    const primaryPort = primaryPair(pairs, primary);
    if (!primaryPort) throw new SkyportError(400, 'primary must be one of the ports in ports');

    const node = isUuid(str(nodeId)) ? await this.nodes.findOwn(domainId, str(nodeId)) : null;
    if (!node) throw new SkyportError(400, 'Invalid node');
    const ownerId = str(user);
    if (!isUuid(ownerId) || !(await this.memberships.isMember(domainId, ownerId))) throw new SkyportError(400, 'User not found');
    const ref = str(image);
    const workload = (await this.allWorkloads(domainId)).find((w) => w.definition.images.some((i) => i.ref === ref));
    if (!workload) throw new SkyportError(400, `Invalid image: no workload of this domain offers "${ref.slice(0, 200)}" (GET /api/images lists the deployable images)`);
    const def = workload.definition;

    const requested: RequestedPort[] = pairs.flatMap((p) =>
      (['tcp', 'udp'] as const).map((protocol) => ({
        name: p === primaryPort ? 'primary' : (def.defaults.ports.find((d) => d.containerPort === p.containerPort)?.name ?? `port-${p.containerPort}`),
        hostPort: p.hostPort,
        containerPort: p.containerPort,
        protocol,
      })),
    );
    const created = await this.servers.create(
      domainId,
      auth.principal,
      { name: serverName, workloadId: workload.id, nodeId: node.id, image: ref, memoryMiB, cpuPercent },
      auth.permissions.has('workloads.manage'),
      { ports: requested, ownerId },
    );
    // Skyport's deploy creates *and starts* the container. If it can't start, nothing is left behind.
    let started: GameServer;
    try {
      started = await this.servers.powerAction(domainId, created.id, 'start');
    } catch (err) {
      await this.servers.remove(domainId, created.id).catch(() => undefined);
      if (err instanceof AppError && err.status < 500) throw err;
      throw new SkyportError(500, 'Failed to create container', err instanceof Error ? err.message : String(err));
    }
    return { Message: "Container created successfully and added to user's servers", Id: started.id, ContainerId: started.containerId, VolumeId: started.id, State: started.state };
  }

  async deleteInstance(domainId: DomainId, id: unknown): Promise<SkyportMessageDTO> {
    if (missing(id)) throw new SkyportError(400, 'Missing ID parameter');
    const server = await this.findServer(domainId, str(id));
    if (!server) throw new SkyportError(400, 'Instance not found');
    await this.servers.remove(domainId, server.id);
    return { Message: 'The instance has successfully been deleted.' };
  }

  private toInstance(s: GameServerOutputDTO, containerId: string | null): SkyportInstanceDTO {
    const allocations = s.allocations ?? [];
    const primary = allocations.find((a) => a.name === 'primary') ?? [...allocations].sort((a, b) => a.port - b.port)[0];
    const exposed: Record<string, object> = {};
    const bindings: Record<string, Array<{ HostPort: string }>> = {};
    for (const a of allocations) {
      const key = `${a.containerPort}/${a.protocol}`;
      exposed[key] = {};
      (bindings[key] ??= []).push({ HostPort: String(a.port) });
    }
    return {
      Id: s.id,
      Name: s.name,
      Node: s.node ? this.toNode(s.node) : (null as never),
      User: s.ownerId,
      Image: s.image,
      Memory: s.memoryMiB,
      Cpu: percentToThreads(s.cpuPercent),
      Disk: s.diskMiB,
      Ports: formatPorts(allocations),
      Primary: primary ? String(primary.port) : null,
      ExposedPorts: exposed,
      PortBindings: bindings,
      ContainerId: containerId,
      VolumeId: s.id,
      State: s.state,
      InternalState: s.state === 'installing' ? 'INSTALLING' : s.state === 'install_failed' ? 'FAILED' : 'READY',
      StateReason: s.stateReason,
      WorkloadId: s.workloadId,
      CreatedAt: s.createdAt,
    };
  }

  // ───────────── images ─────────────

  private async allWorkloads(domainId: DomainId): Promise<WorkloadOutputDTO[]> {
    const out: WorkloadOutputDTO[] = [];
    for (let page = 0; ; page++) {
      const r = await this.workloads.search(domainId, { sortBy: 'createdAt', sortDirection: 'asc', page, limit: PAGE });
      out.push(...r.items);
      if (out.length >= r.total || r.items.length === 0) return out;
    }
  }

  /** The images the domain's workloads offer (deployable), then — with nodes.read — images only present on its connected nodes. */
  async images(domainId: DomainId, auth: RequestAuth): Promise<SkyportImageDTO[]> {
    const out: SkyportImageDTO[] = [];
    const known = new Set<string>();
    const canManageWorkloads = auth.permissions.has('workloads.manage');
    for (const w of await this.allWorkloads(domainId)) {
      const def = w.definition;
      // Default values of hidden variables (license keys, passwords) only for template authors, as on the game-server routes.
      const env = def.variables.filter((v) => canSeeVariable(v, canManageWorkloads)).map((v) => `${v.envVariable}=${v.defaultValue ?? ''}`);
      for (const img of def.images) {
        if (known.has(img.ref)) continue;
        known.add(img.ref);
        out.push({
          Name: def.images.length > 1 ? `${w.name} (${img.label})` : w.name,
          Image: img.ref,
          Description: w.description,
          Author: def.author ?? null,
          AltImages: def.images.filter((i) => i.ref !== img.ref).map((i) => i.ref),
          Env: env,
          Source: 'workload',
          Deployable: true,
          WorkloadId: w.id,
        });
      }
    }
    if (!auth.permissions.has('nodes.read')) return out;
    const onNodes = new Map<string, string[]>();
    const nodes = (await this.nodes.listOwn(domainId)).filter((n) => n.status === 'online');
    await Promise.all(
      nodes.map(async (n) => {
        const list = await this.nodes.command(domainId, n.id, 'images.list', {}, 5000).catch(() => []);
        for (const tag of list.flatMap((i) => i.tags)) {
          if (!tag || tag.includes('<none>') || known.has(tag)) continue;
          onNodes.set(tag, [...(onNodes.get(tag) ?? []), n.id]);
        }
      }),
    );
    for (const [tag, nodeIds] of [...onNodes].sort(([a], [b]) => a.localeCompare(b))) {
      out.push({
        Name: tag,
        Image: tag,
        Description: 'Present on the node; no workload of this domain offers it',
        Author: null,
        AltImages: [],
        Env: [],
        Source: 'node',
        Deployable: false,
        Nodes: nodeIds,
      });
    }
    return out;
  }

  // ───────────── nodes ─────────────

  async listNodes(domainId: DomainId): Promise<SkyportNodeDTO[]> {
    return (await this.nodes.listOwn(domainId)).map((n) => this.toNode(n));
  }

  async createNode(domainId: DomainId, principal: Principal, body: SkyportCreateNodeDTO): Promise<SkyportNodeCreatedDTO> {
    const { name, tags, ram, disk, processor, address, port } = body;
    if (missing(name, tags, ram, disk, processor, address, port)) throw new SkyportError(400, 'Missing parameters');
    const nodeName = str(name);
    if (nodeName.length < 1 || nodeName.length > 64) throw new SkyportError(400, 'name must be 1-64 characters');
    const tagList = parseTags(tags);
    if (!tagList || tagList.length > 32 || tagList.some((t) => t.length > 32)) throw new SkyportError(400, 'tags must be a comma-separated string or an array of at most 32 tags of 1-32 characters');
    // Free-form text (seed 002: "RAM specification" …): kept as given, capacity parsed where it can be, else the documented defaults.
    const hardwareText = { ram: specText(ram), disk: specText(disk), processor: specText(processor) };
    const { memoryMiB, diskMiB, cpuPercent } = nodeCapacity(ram, disk, processor);
    const nodeAddress = str(address);
    if (!ADDRESS.test(nodeAddress)) throw new SkyportError(400, 'address must be an IP or host name');
    const daemonPort = toInteger(port);
    if (daemonPort === null || daemonPort < 1 || daemonPort > 65535) throw new SkyportError(400, 'port must be a port number (1-65535)');

    const created = await this.nodes.create(domainId, principal, { name: nodeName, address: nodeAddress, tags: tagList, memoryMiB, diskMiB, cpuPercent }, hardwareText);
    const register = await this.nodes.createRegisterToken(domainId, principal, created.id);
    return { Message: { ...this.toNode(created, hardwareText), configureKey: register.token, configureCommand: register.command } };
  }

  async deleteNode(domainId: DomainId, principal: Principal, nodeId: unknown): Promise<SkyportMessageDTO> {
    const id = str(nodeId);
    if (missing(nodeId) || !isUuid(id) || !(await this.nodes.findOwn(domainId, id))) throw new SkyportError(400, 'Invalid node');
    await this.nodes.remove(domainId, principal, id);
    return { Message: 'The node has successfully deleted.' };
  }

  /** ram/disk/processor: the text the node was created with through Skyport, else the capacity in GB and cores. */
  private toNode(n: Node | NodeOutputDTO, text: NodeHardwareText | null = 'hardwareText' in n ? n.hardwareText : null): SkyportNodeDTO {
    return {
      id: n.id,
      name: n.name,
      tags: n.tags,
      ram: text?.ram ?? mibToGb(n.memoryMiB),
      disk: text?.disk ?? mibToGb(n.diskMiB),
      processor: text?.processor ?? percentToThreads(n.cpuPercent),
      address: n.address,
      port: null,
      status: NODE_STATUS[n.status] ?? 'Unknown',
      state: nodeState(n),
      versionRelease: n.agentVersion,
      memoryMiB: n.memoryMiB,
      diskMiB: n.diskMiB,
      cpuPercent: n.cpuPercent,
      portRangeStart: n.portRangeStart,
      portRangeEnd: n.portRangeEnd,
      location: n.location,
    };
  }
}
