import { Injectable, Logger } from '@nestjs/common';
import { DomainId } from '@libs/tenancy/domain-id';
import { MAX_LIMIT } from '@libs/search/search-spec';
import { AppError } from '../../../core/errors/app-error';
import { RequestAuth } from '../../auth/auth-context';
import { Permission } from '../../auth/permissions';
import { GameServerOutputDTO } from '../../gameserver/dto/gameserver.dto';
import { GameServerService } from '../../gameserver/gameserver.service';
import { GameServerState } from '../../gameserver/gameserver.types';
import { BUILTIN_TEMPLATES, getBuiltinTemplate } from '../../workload/definition/builtin-templates';
import { WorkloadDefinition } from '../../workload/definition/workload-definition';
import { WorkloadService } from '../../workload/workload.service';
import { TemplateCategory, V1DeployInputDTO, V1DeploymentDTO, V1DeployTemplateDTO } from './v1-oneclick.dto';

/** `game` when the template serves a port named `game` (Paper, the echo server), else `utility` (the BusyBox shell). */
export function templateCategory(def: WorkloadDefinition): TemplateCategory {
  return def.defaults.ports.some((p) => p.name === 'game') ? 'game' : 'utility';
}

const iso = (d: Date | string) => new Date(d).toISOString();

function toDeployment(s: GameServerOutputDTO, template: string): V1DeploymentDTO {
  const def = getBuiltinTemplate(template);
  return {
    id: s.id,
    name: s.name,
    template,
    category: def ? templateCategory(def) : 'utility',
    instance_id: s.id,
    workload_id: s.workloadId,
    node_id: s.nodeId,
    status: s.state,
    status_reason: s.stateReason,
    created_at: iso(s.createdAt),
    updated_at: iso(s.updatedAt),
  };
}

/**
 * Seed 001's one-click deployments over Outpost's built-in workload templates: a deployment is a
 * workload made from a template (`POST /workload/from-template`, which records the template id on
 * the workload) plus a game server of it (`POST /gameserver`), started (`start`). Listing finds the
 * organization's instances whose workload came from a built-in template — also those made in two
 * steps (from-template, then an instance), which are the same thing.
 */
@Injectable()
export class V1OneClickService {
  private readonly logger = new Logger('V1OneClick');

  constructor(
    private readonly workloads: WorkloadService,
    private readonly servers: GameServerService,
  ) {}

  templates(category?: TemplateCategory): V1DeployTemplateDTO[] {
    return this.workloads
      .templates()
      .map((t) => {
        const def = getBuiltinTemplate(t.id)!;
        const d = def.defaults;
        return { id: t.id, name: t.name, description: t.description, category: templateCategory(def), images: t.images, memory_mib: d.memoryMiB, cpu_percent: d.cpuPercent, disk_mib: d.diskMiB };
      })
      .filter((t) => category === undefined || t.category === category);
  }

  /**
   * Needs what the three native calls need: workloads.manage (the route), gameserver.create and
   * gameserver.control. A server that cannot be placed takes its new workload with it. A template
   * with an install script answers `installing` and starts once installed (in the background).
   */
  async deploy(domainId: DomainId, auth: RequestAuth, input: V1DeployInputDTO): Promise<V1DeploymentDTO> {
    for (const p of ['gameserver.create', 'gameserver.control'] as Permission[]) {
      if (!auth.permissions.has(p)) throw AppError.forbidden(`Missing permission ${p}`, { permission: p });
    }
    const workload = await this.workloads.fromTemplate(domainId, input.template, input.name);
    let server: GameServerOutputDTO;
    try {
      server = await this.servers.create(domainId, auth.principal, { name: input.name, workloadId: workload.id, nodeId: input.node_id, variables: input.variables }, true);
    } catch (err) {
      await this.workloads.remove(domainId, workload.id).catch(() => undefined);
      throw err;
    }
    if (server.state === GameServerState.INSTALLING) {
      // Power actions on one server wait for its provisioning (install) in this process: the start runs right after.
      void this.servers.powerAction(domainId, server.id, 'start').catch((err: unknown) => this.logger.warn({ serverId: server.id, err: String(err) }, 'one-click start after install failed'));
      return toDeployment(server, input.template);
    }
    await this.servers.powerAction(domainId, server.id, 'start');
    return toDeployment(await this.servers.get(domainId, server.id, false), input.template);
  }

  async list(domainId: DomainId, page?: number, limit?: number): Promise<V1DeploymentDTO[]> {
    const templateOf = await this.templateWorkloads(domainId);
    if (!templateOf.size) return [];
    const found = await this.servers.search(domainId, { filters: { workloadId: [...templateOf.keys()] }, page, limit }, false);
    return found.items.map((s) => toDeployment(s, templateOf.get(s.workloadId)!));
  }

  async get(domainId: DomainId, id: string): Promise<V1DeploymentDTO> {
    const server = await this.servers.get(domainId, id, false);
    const template = (await this.workloads.find(domainId, server.workloadId)).template;
    if (!template || !Object.prototype.hasOwnProperty.call(BUILTIN_TEMPLATES, template)) throw AppError.notFound('Deployment');
    return toDeployment(server, template);
  }

  /** The organization's workloads made from a built-in template (at most MAX_LIMIT, newest first): id → template id. */
  private async templateWorkloads(domainId: DomainId): Promise<Map<string, string>> {
    const page = await this.workloads.search(domainId, { filters: { template: Object.keys(BUILTIN_TEMPLATES) }, limit: MAX_LIMIT });
    return new Map(page.items.filter((w) => w.template).map((w) => [w.id, w.template!]));
  }
}
