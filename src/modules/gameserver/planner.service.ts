import { Injectable } from '@nestjs/common';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import { NodeService } from '../node/node.service';
import { Node, NodeScheduling, NodeStatus } from '../node/node.types';
import { GameServerRepository, NodeUsage } from './gameserver.repository';
import { NodeFitDTO, SuggestFitOutputDTO } from './dto/gameserver.dto';

export interface Requirements {
  memoryMiB: number;
  diskMiB: number;
  cpuPercent: number;
  tags?: string[];
}

/** Capacity with the node's overallocation allowance. */
const allowance = (capacity: number, overPercent: number) => Math.floor(capacity * (1 + overPercent / 100));

/** How a node fits the requirements given what is already promised on it; every rejection is explained. */
export function evaluateFit(node: Node, usage: Pick<NodeUsage, 'memoryMiB' | 'diskMiB' | 'cpuPercent'> | undefined, req: Requirements): NodeFitDTO {
  const used = usage ?? { memoryMiB: 0, diskMiB: 0, cpuPercent: 0 };
  const freeMemoryMiB = allowance(node.memoryMiB, node.overallocationPercent) - used.memoryMiB - req.memoryMiB;
  const freeDiskMiB = allowance(node.diskMiB, node.overallocationPercent) - used.diskMiB - req.diskMiB;
  const freeCpuPercent = allowance(node.cpuPercent, node.overallocationPercent) - used.cpuPercent - req.cpuPercent;
  const reasons: string[] = [];
  if (node.status !== NodeStatus.ONLINE) reasons.push(`node is ${node.status}`);
  if (node.scheduling !== NodeScheduling.ACTIVE) reasons.push(`node is ${node.scheduling}`);
  const missing = (req.tags ?? []).filter((t) => !node.tags.includes(t));
  if (missing.length) reasons.push(`missing tags: ${missing.join(', ')}`);
  if (freeMemoryMiB < 0) reasons.push(`not enough memory (${-freeMemoryMiB} MiB short)`);
  if (freeDiskMiB < 0) reasons.push(`not enough disk (${-freeDiskMiB} MiB short)`);
  if (freeCpuPercent < 0) reasons.push(`not enough CPU (${-freeCpuPercent}% short)`);
  return { nodeId: node.id, name: node.name, fits: reasons.length === 0, reasons, freeMemoryMiB, freeDiskMiB, freeCpuPercent };
}

/** Every node evaluated, fitting ones first, most free memory first (spreads load); the best fit is chosen. */
export function chooseNode(nodes: Node[], usage: Map<string, NodeUsage>, req: Requirements): SuggestFitOutputDTO {
  const candidates = nodes.map((n) => evaluateFit(n, usage.get(n.id), req)).sort((a, b) => Number(b.fits) - Number(a.fits) || b.freeMemoryMiB - a.freeMemoryMiB);
  const best = candidates.find((c) => c.fits) ?? null;
  const explanation = best
    ? `${best.name} fits with the most free memory (${best.freeMemoryMiB} MiB left after placement)`
    : nodes.length
      ? `No node fits: ${candidates.map((c) => `${c.name}: ${c.reasons.join('; ')}`).join(' | ')}`
      : 'This domain has no nodes; add one first';
  return { chosen: best?.nodeId ?? null, explanation, candidates };
}

/**
 * Chooses a node for a new server: online, schedulable, carrying the tags, with room for the
 * memory/disk/cpu (including overallocation). Among fitting nodes, the one with the most free
 * memory wins (spreads load). Every rejection is explained.
 */
@Injectable()
export class PlannerService {
  constructor(
    private readonly nodes: NodeService,
    private readonly servers: GameServerRepository,
  ) {}

  async suggest(domainId: DomainId, req: Requirements): Promise<SuggestFitOutputDTO> {
    const nodes = await this.nodes.listVisible(domainId);
    return chooseNode(nodes, await this.servers.usageByNode(nodes.map((n) => n.id)), req);
  }

  /** The node to use: the requested one (checked) or the planner's choice; 409 when nothing fits. */
  async place(domainId: DomainId, req: Requirements, nodeId?: string): Promise<Node> {
    if (nodeId) {
      const node = await this.nodes.find(domainId, nodeId);
      const usage = await this.servers.usageByNode([node.id]);
      const fit = evaluateFit(node, usage.get(node.id), { ...req, tags: [] });
      if (!fit.fits) throw AppError.conflict(`Node ${node.name} cannot take this server: ${fit.reasons.join('; ')}`, { candidates: [fit] });
      return node;
    }
    const suggestion = await this.suggest(domainId, req);
    if (!suggestion.chosen) throw AppError.conflict(suggestion.explanation, { candidates: suggestion.candidates });
    return this.nodes.find(domainId, suggestion.chosen);
  }
}
