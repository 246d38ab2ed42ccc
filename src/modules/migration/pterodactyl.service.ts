// Why this file is over 300 lines: the import's one flow (validate, list, plan each server, create the template
// once and the server under a claim) reads top to bottom here; the parsing and mapping live in pterodactyl-mapping.ts.
import { Inject, Injectable } from '@nestjs/common';
import { DomainId } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { outboundPolicy } from '../../core/net/outbound';
import { RequestAuth } from '../auth/auth-context';
import { GameServerService } from '../gameserver/gameserver.service';
import { NodeService } from '../node/node.service';
import type { Node } from '../node/node.types';
import { EggFormatError, importEgg } from '../workload/definition/eggs';
import { validateDefinition, validateVariableValues, WorkloadDefinition } from '../workload/definition/workload-definition';
import { WorkloadService } from '../workload/workload.service';
import {
  ImportReportDTO,
  ImportServerReportDTO,
  MAX_LIST_PAGES,
  PANEL_PAGE_SIZE,
  PanelAccessDTO,
  PanelFactsDTO,
  PanelServerDTO,
  PanelServerListDTO,
  PanelServerListInputDTO,
  PterodactylImportInputDTO,
} from './dto/pterodactyl.dto';
import { PterodactylImportRepository } from './migration.repository';
import { normalizePanelUrl, panelError, PterodactylClient } from './pterodactyl-client';
import { eggToPtdl, listTotal, mapLimits, PanelEgg, PanelPagination, PanelServer, parseEgg, parseServer, parseServerList, planPorts } from './pterodactyl-mapping';

/** What an import never carries; part of every report. */
export const NOT_CARRIED = [
  "The server's data (worlds, configuration files, plugins, uploads) is not copied: the new servers start empty and run their template's install script. " +
    "To carry the data, make a backup on the panel, download its archive and upload it to the new server's files (Files → upload, then unpack).",
  "The panel's databases, subusers, schedules and backups are not carried.",
  'Swap, block IO weight and CPU pinning are not carried: Outpost servers run without swap, with equal IO weight, on any core.',
];

/** Server names as Outpost takes them (GameServerCreateDTO: 1-100 characters, no control characters). */
function serverName(server: PanelServer): string {
  const name = server.name
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim()
    .slice(0, 100)
    .trim();
  return name || `pterodactyl-${server.identifier || server.id}`;
}

interface ResolvedEgg {
  egg: PanelEgg;
  /** The PTDL_v2 egg the workload module imports. */
  ptdl: Record<string, unknown>;
  definition: WorkloadDefinition;
  /** The key its import is remembered by: the egg's uuid (panels before 1.0 have none: its id on this panel). */
  key: string;
}

/** One import request: the panel, the node, and what earlier servers of the same request planned. */
interface Batch {
  domainId: DomainId;
  auth: RequestAuth;
  client: PterodactylClient;
  node: Node;
  dryRun: boolean;
  taken: { tcp: Set<number>; udp: Set<number> };
  eggs: Map<string, Promise<ResolvedEgg>>;
  /** Egg key → template id a dry run of this request already planned (null: to be imported). */
  plannedTemplates: Map<string, string | null>;
}

/**
 * Import from a Pterodactyl panel through its application API: validate the key, list the
 * servers, and import some of them onto one node — each egg once as a template (through the
 * workload module's egg import), each server as a game server (through GameServerService), both
 * remembered per domain so a second import reuses the template and refuses the server.
 */
@Injectable()
export class PterodactylImportService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly imports: PterodactylImportRepository,
    private readonly nodes: NodeService,
    private readonly workloads: WorkloadService,
    private readonly servers: GameServerService,
  ) {}

  private client(input: PanelAccessDTO): PterodactylClient {
    return new PterodactylClient(normalizePanelUrl(input.url), input.apiKey, outboundPolicy(this.config));
  }

  /** The panel answers and takes the key: its server and nest counts (reading nests proves egg access). */
  async validate(input: PanelAccessDTO): Promise<PanelFactsDTO> {
    const client = this.client(input);
    const serverCount = listTotal(await client.get('servers?per_page=1'), 'servers');
    const nestCount = listTotal(await client.get('nests?per_page=1'), 'nests');
    return { panelUrl: client.panelUrl, serverCount, nestCount };
  }

  /** One page of the panel's servers, or every page up to MAX_LIST_PAGES; each says if this domain imported it. */
  async listServers(domainId: DomainId, input: PanelServerListInputDTO): Promise<PanelServerListDTO> {
    const client = this.client(input);
    const servers: PanelServer[] = [];
    const pages: number[] = [];
    let pagination: PanelPagination;
    for (let page = input.page ?? 1; ; page++) {
      const answer = parseServerList(await client.get(`servers?page=${page}&per_page=${PANEL_PAGE_SIZE}&include=allocations,egg`));
      pages.push(page);
      servers.push(...answer.servers);
      pagination = answer.pagination;
      if (input.page !== undefined || page >= pagination.totalPages || pages.length >= MAX_LIST_PAGES) break;
    }
    const { total, totalPages } = pagination;
    const imported = new Map((await this.imports.servers(domainId, servers.map((s) => s.uuid).filter(Boolean))).map((r) => [r.sourceUuid, r.gameserverId]));
    return {
      panelUrl: client.panelUrl,
      servers: servers.map((s): PanelServerDTO => ({
        id: s.id,
        uuid: s.uuid,
        identifier: s.identifier,
        name: s.name,
        description: s.description,
        nestId: s.nest,
        eggId: s.egg,
        eggName: s.eggName,
        limits: { memory: s.limits.memory, swap: s.limits.swap, disk: s.limits.disk, io: s.limits.io, cpu: s.limits.cpu },
        allocations: (s.allocations ?? []).map((a) => ({ id: a.id, ip: a.ip, alias: a.alias, port: a.port, primary: a.id === s.allocation })),
        importedAs: imported.get(s.uuid) ?? null,
      })),
      total,
      totalPages,
      pages,
      truncated: input.page === undefined && pages[pages.length - 1] < totalPages,
    };
  }

  /** A dry run reports what would happen and creates nothing; otherwise the servers are imported one after the other. */
  async import(domainId: DomainId, auth: RequestAuth, input: PterodactylImportInputDTO): Promise<ImportReportDTO> {
    // The route asks for gameserver.manage; an import also creates templates.
    if (!auth.permissions.has('workloads.manage')) throw AppError.forbidden('Missing permission workloads.manage (an import creates templates)', { permission: 'workloads.manage' });
    const node = await this.nodes.find(domainId, input.nodeId);
    const batch: Batch = {
      domainId,
      auth,
      client: this.client(input),
      node,
      dryRun: input.dryRun,
      taken: await this.servers.takenPorts(node.id),
      eggs: new Map(),
      plannedTemplates: new Map(),
    };
    const reports: ImportServerReportDTO[] = [];
    for (const id of input.serverIds) reports.push(await this.importOne(batch, id));
    return { dryRun: input.dryRun, panelUrl: batch.client.panelUrl, nodeId: node.id, notCarried: NOT_CARRIED, servers: reports };
  }

  private async importOne(batch: Batch, id: number): Promise<ImportServerReportDTO> {
    const report: ImportServerReportDTO = {
      sourceId: id,
      sourceUuid: null,
      name: '',
      status: 'failed',
      gameserverId: null,
      template: null,
      limits: null,
      variables: {},
      ports: [],
      droppedPorts: [],
      notes: [],
      error: null,
    };
    try {
      const body = await batch.client.get(`servers/${id}?include=allocations,variables,egg`, { allowNotFound: true });
      if (body === null) return { ...report, status: 'notFound', error: `The panel has no server ${id}.` };
      const server = parseServer(body);
      if (!server.uuid) throw panelError('notAPanel', `The panel's server ${id} has no uuid.`);
      report.sourceUuid = server.uuid;
      report.name = server.name;
      const existing = await this.imports.findBySource(batch.domainId, 'server', server.uuid);
      if (existing) return this.alreadyImported(report, existing.gameserverId);

      const egg = await this.resolveEgg(batch, server.nest, server.egg);
      const record = await this.imports.findBySource(batch.domainId, 'egg', egg.key);
      const reusedId = record?.workloadId ?? batch.plannedTemplates.get(egg.key) ?? null;
      const reuse = Boolean(record?.workloadId) || batch.plannedTemplates.has(egg.key);
      report.template = { action: reuse ? 'reuse' : 'import', workloadId: reusedId, eggId: egg.egg.id, eggName: egg.egg.name };

      const def = egg.definition;
      const limits = mapLimits(server.limits, def.defaults);
      report.limits = { memoryMiB: limits.memoryMiB, cpuPercent: limits.cpuPercent, diskMiB: limits.diskMiB };
      report.notes.push(...limits.notes);
      report.variables = this.variables(server, def, report.notes);
      if (server.allocations === null) report.notes.push('The panel did not include the allocations (the key lacks read on Allocations): a free port of the node is used.');
      const plan = planPorts(server.allocations ?? [], server.allocation, batch.node, batch.taken);
      report.ports = plan.kept;
      report.droppedPorts = plan.dropped;
      const primary = plan.kept.find((k) => k.primary);
      if (primary && primary.sourcePort !== null && primary.sourcePort !== primary.port) {
        report.notes.push(`The primary port ${primary.sourcePort} becomes ${primary.port}: players connect to the new port.`);
      }
      const image = server.image && server.image.length <= 255 ? server.image : undefined;
      if (image && !def.images.some((i) => i.ref === image)) report.notes.push(`The server runs the image ${image}, which is not one of the egg's images; it is kept.`);
      if (server.startup && server.startup !== def.startup) report.notes.push("The server's own startup command is not carried: it starts with the template's (change it on the Startup tab).");
      if (server.featureLimits.databases || server.featureLimits.backups) {
        report.notes.push(`Feature limits (databases ${server.featureLimits.databases ?? 0}, backups ${server.featureLimits.backups ?? 0}) are not carried.`);
      }

      if (batch.dryRun) {
        batch.plannedTemplates.set(egg.key, reusedId);
        return { ...report, status: 'ready' };
      }
      const workloadId = await this.ensureTemplate(batch, egg, record?.workloadId ?? null);
      report.template = { ...report.template, workloadId };
      const claim = await this.imports.claim(batch.domainId, { kind: 'server', panelUrl: batch.client.panelUrl, sourceId: server.id, sourceUuid: server.uuid });
      if (!claim) return this.alreadyImported(report, (await this.imports.findBySource(batch.domainId, 'server', server.uuid))?.gameserverId ?? null);
      try {
        const created = await this.servers.create(
          batch.domainId,
          batch.auth.principal,
          { name: serverName(server), workloadId, nodeId: batch.node.id, image, memoryMiB: limits.memoryMiB, cpuPercent: limits.cpuPercent, diskMiB: limits.diskMiB, variables: report.variables },
          true,
          { ports: plan.ports },
        );
        await this.imports.complete(batch.domainId, claim.id, { gameserverId: created.id });
        return { ...report, status: 'imported', gameserverId: created.id };
      } catch (err) {
        await this.imports.release(batch.domainId, claim.id);
        throw err;
      }
    } catch (err) {
      // A server that cannot be imported is reported; the others of the request go on.
      if (err instanceof AppError && err.status < 500) return { ...report, status: 'failed', error: err.message };
      throw err;
    }
  }

  private alreadyImported(report: ImportServerReportDTO, gameserverId: string | null): ImportServerReportDTO {
    return {
      ...report,
      status: 'alreadyImported',
      gameserverId,
      error: gameserverId ? `Already imported into this domain as game server ${gameserverId}; delete it to import again.` : 'An import of this server is under way.',
    };
  }

  /** The server's values of its egg's variables: the panel's variables include, else its environment. */
  private variables(server: PanelServer, def: WorkloadDefinition, notes: string[]): Record<string, string> {
    const source = server.variables ?? server.environment;
    const values: Record<string, string> = {};
    for (const v of def.variables) if (Object.prototype.hasOwnProperty.call(source, v.envVariable)) values[v.envVariable] = source[v.envVariable];
    const checked = validateVariableValues(def, values, { asAdmin: true });
    if (checked.errors.length) throw AppError.validation(`Variables do not pass the egg's rules: ${checked.errors.map((e) => e.message).join(' ')}`, checked.errors);
    if (!server.variables) notes.push("The panel did not include the server's variables; their values were read from its environment.");
    return checked.values;
  }

  /** The egg (with the egg it extends, same nest) and its definition, read once per request. */
  private resolveEgg(batch: Batch, nest: number, eggId: number): Promise<ResolvedEgg> {
    const cacheKey = `${nest}/${eggId}`;
    let pending = batch.eggs.get(cacheKey);
    if (!pending) {
      pending = this.fetchEgg(batch.client, nest, eggId);
      batch.eggs.set(cacheKey, pending);
    }
    return pending;
  }

  private async fetchEgg(client: PterodactylClient, nest: number, eggId: number): Promise<ResolvedEgg> {
    const read = async (id: number, include: string) => {
      const body = await client.get(`nests/${nest}/eggs/${id}${include}`, { allowNotFound: true });
      if (body === null) throw panelError('notFound', `The panel has no egg ${id} in nest ${nest}.`);
      return parseEgg(body);
    };
    const egg = await read(eggId, '?include=variables');
    const config = egg.configFrom !== null ? await read(egg.configFrom, '') : undefined;
    const script = egg.scriptFrom === null ? undefined : egg.scriptFrom === egg.configFrom ? config : await read(egg.scriptFrom, '');
    const ptdl = eggToPtdl(egg, { config, script });
    let definition: WorkloadDefinition;
    try {
      definition = importEgg(ptdl);
    } catch (err) {
      if (err instanceof EggFormatError) throw AppError.validation(`The egg ${egg.name} cannot be imported: ${err.message}`, [{ path: `egg.${err.path}`, code: 'eggFormat', message: err.message }]);
      throw err;
    }
    const problems = validateDefinition(definition);
    if (problems.length) throw AppError.validation(`The egg ${egg.name} cannot be imported: ${problems[0]}`);
    return { egg, ptdl, definition, key: egg.uuid || `${client.panelUrl}#egg-${egg.id}` };
  }

  /** The template of this egg in the domain: the one imported before, or imported now (once, under a claim). */
  private async ensureTemplate(batch: Batch, egg: ResolvedEgg, existing: string | null): Promise<string> {
    if (existing) return existing;
    const claim = await this.imports.claim(batch.domainId, { kind: 'egg', panelUrl: batch.client.panelUrl, sourceId: egg.egg.id, sourceUuid: egg.key });
    if (!claim) {
      const other = await this.imports.findBySource(batch.domainId, 'egg', egg.key);
      if (other?.workloadId) return other.workloadId;
      throw AppError.conflict(`The template of the egg ${egg.egg.name} is being imported by another request; try again.`);
    }
    try {
      const workload = await this.workloads.importEgg(batch.domainId, egg.ptdl);
      await this.imports.complete(batch.domainId, claim.id, { workloadId: workload.id });
      return workload.id;
    } catch (err) {
      await this.imports.release(batch.domainId, claim.id);
      throw err;
    }
  }
}
