import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { SearchEngine } from '../../../libs/search/search-engine';
import { SearchQuery } from '../../../libs/search/search-spec';
import { DomainId } from '../../../libs/tenancy/domain-id';
import { AGENT_TOKEN_PREFIX, CommandName, Payload, REGISTER_TOKEN_PREFIX, Result } from '../../../libs/agent-protocol/protocol';
import { sha256 } from '../auth/token.service';
import { AgentChannel } from './agent-channel.service';
import { Node, NodeScheduling } from './entities/node.entity';
import { NodeMetricRepository, NodeRepository } from './node.repository';
import {
  AgentRegisterDTO,
  AgentRegisterOutputDTO,
  NODE_SEARCH,
  NodeCreateDTO,
  NodeMetricOutputDTO,
  NodeOutputDTO,
  NodeUpdateDTO,
  RegisterTokenOutputDTO,
} from './dto/node.dto';

const REGISTER_TOKEN_TTL_MS = 60 * 60 * 1000;

@Injectable()
export class NodeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly nodes: NodeRepository,
    private readonly metrics: NodeMetricRepository,
    private readonly channel: AgentChannel,
  ) {}

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<NodeOutputDTO>> {
    const r = await new SearchEngine(NODE_SEARCH).execute(this.nodes.queryBuilder(domainId, 'n'), 'n', query);
    return new Paged(toOutput(NodeOutputDTO, r.items), r.total, r.page, r.limit);
  }

  async find(domainId: DomainId, id: string): Promise<Node> {
    const node = await this.nodes.findById(domainId, id);
    if (!node) throw AppError.notFound('Node');
    return node;
  }

  async get(domainId: DomainId, id: string): Promise<NodeOutputDTO> {
    return toOutput(NodeOutputDTO, await this.find(domainId, id));
  }

  async create(domainId: DomainId, input: NodeCreateDTO): Promise<NodeOutputDTO> {
    const start = input.portRangeStart ?? 25500;
    const end = input.portRangeEnd ?? Math.min(start + 499, 65535);
    if (end < start) throw AppError.validation('portRangeEnd must not be below portRangeStart', [{ path: 'portRangeEnd', code: 'range', message: 'portRangeEnd must not be below portRangeStart' }]);
    const node = await this.nodes.insert(domainId, { ...input, tags: input.tags ?? [], location: input.location ?? '', overallocationPercent: input.overallocationPercent ?? 0, portRangeStart: start, portRangeEnd: end });
    return toOutput(NodeOutputDTO, node);
  }

  async update(domainId: DomainId, id: string, patch: NodeUpdateDTO): Promise<NodeOutputDTO> {
    const node = await this.find(domainId, id);
    const start = patch.portRangeStart ?? node.portRangeStart;
    const end = patch.portRangeEnd ?? node.portRangeEnd;
    if (end < start) throw AppError.validation('portRangeEnd must not be below portRangeStart', [{ path: 'portRangeEnd', code: 'range', message: 'portRangeEnd must not be below portRangeStart' }]);
    return toOutput(NodeOutputDTO, (await this.nodes.update(domainId, id, patch))!);
  }

  async remove(domainId: DomainId, id: string, hasServers: (nodeId: string) => Promise<boolean>): Promise<void> {
    await this.find(domainId, id);
    if (await hasServers(id)) throw AppError.conflict('The node still has game servers; transfer or delete them first');
    await this.nodes.delete(domainId, id);
  }

  /** A one-time token the agent exchanges for its long-lived agent token. Shown once. */
  async createRegisterToken(domainId: DomainId, id: string): Promise<RegisterTokenOutputDTO> {
    await this.find(domainId, id);
    const token = `${REGISTER_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + REGISTER_TOKEN_TTL_MS);
    await this.nodes.update(domainId, id, { registerTokenHash: sha256(token), registerTokenExpiresAt: expiresAt });
    const url = this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`;
    return { token, expiresAt, command: `npm run agent -- --url ${url} --token ${token}` };
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

  async setScheduling(domainId: DomainId, id: string, scheduling: `${NodeScheduling}`): Promise<NodeOutputDTO> {
    await this.find(domainId, id);
    return toOutput(NodeOutputDTO, (await this.nodes.update(domainId, id, { scheduling: scheduling as NodeScheduling }))!);
  }

  async inventory(domainId: DomainId, id: string): Promise<Record<string, unknown>> {
    const node = await this.find(domainId, id);
    const inventory = await this.nodes.inventoryOf(domainId, id);
    if (!inventory) throw AppError.notFound('Inventory (the agent has not reported yet)');
    return { ...inventory, reportedAt: node.lastHeartbeatAt, connected: node.status === 'online' };
  }

  async metricsHistory(domainId: DomainId, id: string, from?: string, to?: string): Promise<NodeMetricOutputDTO[]> {
    await this.find(domainId, id);
    const toDate = to ? new Date(to) : new Date();
    const fromDate = from ? new Date(from) : new Date(toDate.getTime() - 3600_000);
    if (fromDate > toDate) throw AppError.validation('from must be before to', [{ path: 'from', code: 'range', message: 'from must be before to' }]);
    return toOutput(NodeMetricOutputDTO, await this.metrics.history(domainId, id, fromDate, toDate, 5000));
  }

  /** Runs an agent command on a node of this domain. */
  async command<C extends CommandName>(domainId: DomainId, nodeId: string, command: C, payload: Payload<C>, timeoutMs?: number): Promise<Result<C>> {
    await this.find(domainId, nodeId);
    return this.channel.send(nodeId, command, payload, timeoutMs);
  }
}
