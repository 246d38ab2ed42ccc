import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { Principal } from '../auth/auth-context';
import { AGENT_TOKEN_PREFIX, CommandName, InventoryEvent, Payload, REGISTER_TOKEN_PREFIX, Result } from '@libs/agent-protocol/protocol';
import { sha256 } from '../../core/crypto/hash';
import { METRICS_HISTORY_LIMIT, MetricWindowSummary, metricsWindow } from '../../core/metrics/window';
import { AgentChannel } from './agent-channel.service';
import { DEFAULT_AGENT_DATA_DIR } from './agent-bundle';
import { Node, NodeHardwareText, NodeScheduling } from './entities/node.entity';
import { NodeMetricRepository, NodeRepository } from './node.repository';
import {
  AgentRegisterDTO,
  AgentRegisterOutputDTO,
  CONTAINER_ACTIONS,
  ContainerAction,
  ContainerActionDTO,
  NODE_SEARCH,
  NodeCreateDTO,
  NodeMetricOutputDTO,
  NodeOutputDTO,
  NodeUpdateDTO,
  RegisterTokenOutputDTO,
} from './dto/node.dto';
import { InventoryPart, inventoryPart, inventoryScope, InventoryView, inventoryView } from './inventory-view';

const REGISTER_TOKEN_TTL_MS = 60 * 60 * 1000;
/** Grace between the stop signal and SIGKILL for container stop and restart. */
const CONTAINER_STOP_GRACE_MS = 15_000;
const CONTAINER_ACTION_TIMEOUT_MS = 30_000;
/** Docker ids (full or short) and names. */
const CONTAINER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const SHARED_NODE_MANAGERS = 'Shared nodes are managed by instance administrators';

function checkContainerId(value: string): string {
  if (!CONTAINER_ID.test(value))
    throw AppError.validation('containerId is not a valid container id or name', [{ path: 'containerId', code: 'pattern', message: 'containerId is not a valid container id or name' }]);
  return value;
}

@Injectable()
export class NodeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly nodes: NodeRepository,
    private readonly metrics: NodeMetricRepository,
    private readonly channel: AgentChannel,
  ) {}

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<NodeOutputDTO>> {
    const r = await new SearchEngine(NODE_SEARCH).execute(this.nodes.visible(domainId, 'n'), 'n', query);
    return Paged.of(NodeOutputDTO, r);
  }

  /** A node this domain may use: its own, or a shared one. */
  async find(domainId: DomainId, id: string): Promise<Node> {
    const node = await this.nodes.findVisible(domainId, id);
    if (!node) throw AppError.notFound('Node');
    return node;
  }

  /** Every node this domain may use (its own and shared ones): the planner's candidates. */
  listVisible(domainId: DomainId): Promise<Node[]> {
    return this.nodes.listVisible(domainId);
  }

  /** The node a presented agent token belongs to, or null: how the agent's HTTP endpoints know which node calls. */
  findByAgentToken(agentToken: string): Promise<Node | null> {
    return this.nodes.findByAgentTokenHash(sha256(agentToken));
  }

  /** The domain's own nodes (no shared ones), oldest first: what compat APIs such as Skyport's list and use. */
  listOwn(domainId: DomainId): Promise<Node[]> {
    return this.nodes.find(domainId, {}, { createdAt: 'ASC' });
  }

  /** One of the domain's own nodes (not a shared one), or null. */
  findOwn(domainId: DomainId, id: string): Promise<Node | null> {
    return this.nodes.findById(domainId, id);
  }

  /** A node the caller may change: the domain's own (route permission nodes.manage), or a shared one for instance admins. */
  async manageable(domainId: DomainId, principal: Principal, id: string): Promise<Node> {
    const node = await this.find(domainId, id);
    if (node.domainId === null && !principal.isInstanceAdmin) throw AppError.forbidden(SHARED_NODE_MANAGERS);
    return node;
  }

  private async save(node: Node, patch: Partial<Node>): Promise<Node> {
    const saved = node.domainId ? await this.nodes.update(trustedDomainId(node.domainId), node.id, patch as never) : await this.nodes.updateShared(node.id, patch);
    if (!saved) throw AppError.notFound('Node');
    return saved;
  }

  async get(domainId: DomainId, id: string): Promise<NodeOutputDTO> {
    return toOutput(NodeOutputDTO, await this.find(domainId, id));
  }

  /**
   * `shared: true` (instance admins only) makes a node every domain may place servers on.
   * `hardwareText`: the hardware as a compat client described it in free text (Skyport), kept as given.
   */
  async create(domainId: DomainId, principal: Principal, input: NodeCreateDTO, hardwareText?: NodeHardwareText): Promise<NodeOutputDTO> {
    const { shared, ...fields } = input;
    if (shared && !principal.isInstanceAdmin) throw AppError.forbidden('Only instance administrators can create shared nodes');
    const start = fields.portRangeStart ?? 25500;
    const end = fields.portRangeEnd ?? Math.min(start + 499, 65535);
    if (end < start) throw AppError.validation('portRangeEnd must not be below portRangeStart', [{ path: 'portRangeEnd', code: 'range', message: 'portRangeEnd must not be below portRangeStart' }]);
    const values = {
      ...fields,
      tags: fields.tags ?? [],
      location: fields.location ?? '',
      overallocationPercent: fields.overallocationPercent ?? 0,
      portRangeStart: start,
      portRangeEnd: end,
      hardwareText: hardwareText ?? null,
    };
    const node = shared ? await this.nodes.insertShared(values) : await this.nodes.insert(domainId, values);
    return toOutput(NodeOutputDTO, node);
  }

  async update(domainId: DomainId, principal: Principal, id: string, patch: NodeUpdateDTO): Promise<NodeOutputDTO> {
    const node = await this.manageable(domainId, principal, id);
    const start = patch.portRangeStart ?? node.portRangeStart;
    const end = patch.portRangeEnd ?? node.portRangeEnd;
    if (end < start) throw AppError.validation('portRangeEnd must not be below portRangeStart', [{ path: 'portRangeEnd', code: 'range', message: 'portRangeEnd must not be below portRangeStart' }]);
    return toOutput(NodeOutputDTO, await this.save(node, patch));
  }

  async remove(domainId: DomainId, principal: Principal, id: string): Promise<void> {
    const node = await this.manageable(domainId, principal, id);
    // Servers on the node (any domain's) keep it: the gameserver→node foreign key refuses, and the reply names the node.
    const result = await this.nodes.deleteNode(node.domainId ? trustedDomainId(node.domainId) : null, id);
    if (result === 'deleted') this.channel.forget(id);
    if (result === 'has_servers') throw AppError.conflict(`Node "${node.name}" still has game servers; transfer or delete them first`, { constraint: 'gameserver_nodeId_fkey' });
  }

  /** A one-time token the agent exchanges for its long-lived agent token. Shown once. */
  async createRegisterToken(domainId: DomainId, principal: Principal, id: string): Promise<RegisterTokenOutputDTO> {
    const node = await this.manageable(domainId, principal, id);
    const token = `${REGISTER_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + REGISTER_TOKEN_TTL_MS);
    await this.save(node, { registerTokenHash: sha256(token), registerTokenExpiresAt: expiresAt });
    const apiUrl = this.config.PUBLIC_URL?.replace(/\/+$/, '') ?? null;
    const url = apiUrl ?? `http://localhost:${this.config.PORT}`;
    const dataDir = DEFAULT_AGENT_DATA_DIR;
    return {
      token,
      expiresAt,
      apiUrl,
      dataDir, // The token goes in the environment, not the arguments: other users of the machine see arguments in ps.
      command: `curl -fsSL ${url}/agent/install.sh | OUTPOST_TOKEN=${token} sh -s -- --url ${url} --data-dir ${dataDir}`,
    };
  }

  /** Public: the register token is the credential. Spends it and issues the agent token (stored as sha256). */
  async registerAgent(input: AgentRegisterDTO): Promise<AgentRegisterOutputDTO> {
    const node = input.registerToken.startsWith(REGISTER_TOKEN_PREFIX) ? await this.nodes.findByRegisterTokenHash(sha256(input.registerToken)) : null;
    if (!node || !node.registerTokenExpiresAt || node.registerTokenExpiresAt.getTime() < Date.now()) {
      throw AppError.unauthorized('Register token is invalid, used or expired; create a new one for the node');
    }
    const agentToken = `${AGENT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    await this.nodes.setAgentFields(node.id, { registerTokenHash: null, registerTokenExpiresAt: null, agentTokenHash: sha256(agentToken), agentVersion: input.agentVersion });
    return { nodeId: node.id, agentToken };
  }

  async setScheduling(domainId: DomainId, principal: Principal, id: string, scheduling: `${NodeScheduling}`): Promise<NodeOutputDTO> {
    const node = await this.manageable(domainId, principal, id);
    return toOutput(NodeOutputDTO, await this.save(node, { scheduling: scheduling as NodeScheduling }));
  }

  /**
   * The agent's last inventory, as much of it as the caller may see (`inventory-view.ts`): the
   * whole machine on the domain's own node or for instance admins; on a shared node a tenant gets
   * only its own game-server containers and capacity facts — no host network, hostname,
   * processes or system users (the machine also runs other tenants' servers).
   */
  async inventory(domainId: DomainId, principal: Principal, id: string, canManageNodes: boolean): Promise<InventoryView & { reportedAt: Date | null; connected: boolean }> {
    const node = await this.find(domainId, id);
    const inventory = (await this.nodes.inventoryOf(domainId, id)) as Partial<InventoryEvent> | null;
    if (!inventory) throw AppError.notFound('Inventory (the agent has not reported yet)');
    const view = inventoryView(inventory, inventoryScope(node, principal), domainId, canManageNodes || principal.isInstanceAdmin);
    return { ...view, reportedAt: node.lastHeartbeatAt, connected: node.status === 'online' };
  }

  /** One part of the inventory (`GET /node/:id/inventory/<part>`), under the same visibility rule. */
  async inventoryPart(domainId: DomainId, principal: Principal, id: string, part: InventoryPart, canManageNodes: boolean): Promise<unknown> {
    return inventoryPart(await this.inventory(domainId, principal, id, canManageNodes), part);
  }

  /**
   * Whole-machine samples. On a shared node, callers other than instance admins get CPU, memory,
   * disk and load (capacity they share) but not the host's network counters (other tenants' traffic).
   */
  async metricsHistory(domainId: DomainId, principal: Principal, id: string, from?: string, to?: string): Promise<NodeMetricOutputDTO[]> {
    const node = await this.find(domainId, id);
    const w = metricsWindow(from, to);
    const rows = node.domainId ? await this.metrics.history(domainId, id, w.from, w.to, METRICS_HISTORY_LIMIT) : await this.metrics.historyShared(id, w.from, w.to, METRICS_HISTORY_LIMIT);
    const out = toOutput(NodeMetricOutputDTO, rows);
    if (inventoryScope(node, principal) === 'node') return out;
    return out.map((m) => ({ ...m, networkRxBytes: 0, networkTxBytes: 0 }));
  }

  /**
   * Alerts on metrics: per node, its CPU, memory or disk samples since `since` as percentages. Without
   * `nodeId` the domain's own nodes; with it that node (its own or a shared one; none if not visible).
   */
  async metricWindow(domainId: DomainId, metric: 'cpu' | 'memory' | 'disk', since: Date, nodeId?: string): Promise<MetricWindowSummary[]> {
    if (!nodeId) return this.metrics.windowSummary(domainId, metric, since);
    const node = await this.nodes.findVisible(domainId, nodeId);
    if (!node) return [];
    return this.metrics.windowSummary(domainId, metric, since, { nodeId, shared: node.domainId === null });
  }

  /** Runs an agent command on a node this domain may use. */
  async command<C extends CommandName>(domainId: DomainId, nodeId: string, command: C, payload: Payload<C>, timeoutMs?: number): Promise<Result<C>> {
    if (!this.visibleHere(domainId, nodeId)) await this.find(domainId, nodeId);
    return this.channel.send(nodeId, command, payload, timeoutMs);
  }

  /**
   * The command paths' visibility check without a database round trip, for a node whose agent is
   * connected to this process: its owning domain was read with its token when it connected and a
   * node never changes domain (deleting it makes the channel forget it). False: not known here, the
   * caller asks the database (`find`, `manageable`). Throws what those would throw.
   */
  private visibleHere(domainId: DomainId, nodeId: string, manager?: Principal): boolean {
    const owner = this.channel.connectedOwner(nodeId);
    if (owner === undefined) return false;
    if (owner !== null && owner !== domainId) throw AppError.notFound('Node');
    if (owner === null && manager && !manager.isInstanceAdmin) throw AppError.forbidden(SHARED_NODE_MANAGERS);
    return true;
  }

  /**
   * start, stop, restart or kill any container of the machine (admin view, like GET /node/:id/containers).
   * Through manageCommand: on a shared node its containers are every tenant's, so only instance admins act there.
   */
  async containerAction(domainId: DomainId, principal: Principal, nodeId: string, containerId: string, action: string, body?: ContainerActionDTO): Promise<void> {
    const ref = { containerId: checkContainerId(containerId) };
    switch (action as ContainerAction) {
      case 'start':
        await this.manageCommand(domainId, principal, nodeId, 'container.start', ref);
        return;
      case 'stop':
        await this.manageCommand(domainId, principal, nodeId, 'container.stop', { ...ref, stop: { timeoutMs: CONTAINER_STOP_GRACE_MS } }, CONTAINER_ACTION_TIMEOUT_MS);
        return;
      case 'restart':
        await this.manageCommand(domainId, principal, nodeId, 'container.restart', { ...ref, timeoutMs: CONTAINER_STOP_GRACE_MS }, CONTAINER_ACTION_TIMEOUT_MS);
        return;
      case 'kill':
        await this.manageCommand(domainId, principal, nodeId, 'container.kill', { ...ref, signal: body?.signal ?? 'SIGKILL' });
        return;
      default:
        throw AppError.notFound(`Container action ${action.slice(0, 32)} (use ${CONTAINER_ACTIONS.join(', ')})`);
    }
  }

  /** Container logs (the last `tail` lines) of any container of the machine; instance admins only on shared nodes. */
  containerLogs(domainId: DomainId, principal: Principal, nodeId: string, containerId: string, tail: number): Promise<Result<'container.logs'>> {
    return this.manageCommand(domainId, principal, nodeId, 'container.logs', { containerId: checkContainerId(containerId), tail });
  }

  /** Admin commands on the machine itself (raw containers): a shared node's are every domain's, so instance admins only. */
  async manageCommand<C extends CommandName>(domainId: DomainId, principal: Principal, nodeId: string, command: C, payload: Payload<C>, timeoutMs?: number): Promise<Result<C>> {
    if (!this.visibleHere(domainId, nodeId, principal)) await this.manageable(domainId, principal, nodeId);
    return this.channel.send(nodeId, command, payload, timeoutMs);
  }
}
