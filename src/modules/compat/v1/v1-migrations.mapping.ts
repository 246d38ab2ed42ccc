import type { ImportReportDTO, ImportServerReportDTO, PanelFactsDTO, PanelServerListDTO } from '../../migration/dto/pterodactyl.dto';
import type { V1ImportReportDTO, V1ImportServerReportDTO, V1PanelFactsDTO, V1PanelServerListDTO } from './v1-migrations.dto';

const STATUS: Record<ImportServerReportDTO['status'], string> = { ready: 'ready', imported: 'imported', alreadyImported: 'already_imported', failed: 'failed', notFound: 'not_found' };

export const toPanelFacts = (f: PanelFactsDTO): V1PanelFactsDTO => ({ panel_url: f.panelUrl, server_count: f.serverCount, nest_count: f.nestCount });

export const toPanelServerList = (l: PanelServerListDTO): V1PanelServerListDTO => ({
  panel_url: l.panelUrl,
  servers: l.servers.map((s) => ({
    id: s.id,
    uuid: s.uuid,
    identifier: s.identifier,
    name: s.name,
    description: s.description,
    nest_id: s.nestId,
    egg_id: s.eggId,
    egg_name: s.eggName,
    limits: { ...s.limits },
    allocations: s.allocations.map((a) => ({ ...a })),
    imported_as: s.importedAs,
  })),
  total: l.total,
  total_pages: l.totalPages,
  pages: l.pages,
  truncated: l.truncated,
});

const toServerReport = (s: ImportServerReportDTO): V1ImportServerReportDTO => ({
  source_id: s.sourceId,
  source_uuid: s.sourceUuid,
  name: s.name,
  status: STATUS[s.status],
  instance_id: s.gameserverId,
  workload: s.template && { action: s.template.action, workload_id: s.template.workloadId, egg_id: s.template.eggId, egg_name: s.template.eggName },
  limits: s.limits && { memory_mib: s.limits.memoryMiB, cpu_percent: s.limits.cpuPercent, disk_mib: s.limits.diskMiB },
  variables: s.variables,
  ports: s.ports.map((p) => ({ port: p.port, primary: p.primary, source_port: p.sourcePort })),
  dropped_ports: s.droppedPorts.map((p) => ({ port: p.port, reason: p.reason })),
  notes: s.notes,
  error: s.error,
});

export const toImportReport = (r: ImportReportDTO): V1ImportReportDTO => ({
  dry_run: r.dryRun,
  panel_url: r.panelUrl,
  node_id: r.nodeId,
  not_carried: r.notCarried,
  servers: r.servers.map(toServerReport),
});
