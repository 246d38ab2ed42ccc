import type { InventoryEvent, ProcessInfo, SystemInfo, SystemUserInfo } from '@libs/agent-protocol/protocol';
import type { ContainerSummary, LogLine } from '@libs/container-driver/container-driver';
import type { NodeCreateDTO, NodeMetricOutputDTO, NodeOutputDTO, NodeUpdateDTO, RegisterTokenOutputDTO } from '../../node/dto/node.dto';
import type {
  V1ContainerDTO,
  V1ContainerLogLineDTO,
  V1DiskDTO,
  V1InventoryDTO,
  V1NetworkInterfaceDTO,
  V1NodeDTO,
  V1NodeMetricDTO,
  V1NodeUpdateInputDTO,
  V1ProcessDTO,
  V1RegisterTokenDTO,
  V1RegisterTokenInputDTO,
  V1SystemInfoDTO,
  V1SystemUserDTO,
} from './v1-nodes.dto';

/** Outpost's node DTOs (camelCase) ↔ the `/v1` dialect's snake_case bodies. Pure functions. */

const iso = (d: Date | string | null | undefined): string | null => (d === null || d === undefined ? null : new Date(d).toISOString());

/** Drops the keys whose value is undefined (a PATCH-like PUT must not clear what was not sent). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function toNode(n: NodeOutputDTO): V1NodeDTO {
  return {
    id: n.id,
    organization_id: n.domainId,
    shared: n.shared,
    name: n.name,
    address: n.address,
    tags: n.tags,
    location: n.location,
    memory_mib: n.memoryMiB,
    disk_mib: n.diskMiB,
    cpu_percent: n.cpuPercent,
    overallocation_percent: n.overallocationPercent,
    port_range_start: n.portRangeStart,
    port_range_end: n.portRangeEnd,
    state: n.state,
    status: n.status,
    scheduling: n.scheduling,
    last_heartbeat_at: iso(n.lastHeartbeatAt),
    agent_version: n.agentVersion,
    created_at: iso(n.createdAt)!,
    updated_at: iso(n.updatedAt)!,
  };
}

export function toNodeUpdate(b: V1NodeUpdateInputDTO): NodeUpdateDTO {
  return defined({
    name: b.name,
    address: b.address,
    tags: b.tags,
    location: b.location,
    memoryMiB: b.memory_mib,
    diskMiB: b.disk_mib,
    cpuPercent: b.cpu_percent,
    overallocationPercent: b.overallocation_percent,
    portRangeStart: b.port_range_start,
    portRangeEnd: b.port_range_end,
  });
}

/** The new node a register-token request describes (its required fields are checked by the DTO). */
export function toNodeCreate(b: V1RegisterTokenInputDTO): NodeCreateDTO {
  return defined({
    name: b.name!,
    address: b.address!,
    memoryMiB: b.memory_mib!,
    diskMiB: b.disk_mib!,
    cpuPercent: b.cpu_percent!,
    tags: b.tags,
    location: b.location,
    overallocationPercent: b.overallocation_percent,
    portRangeStart: b.port_range_start,
    portRangeEnd: b.port_range_end,
    shared: b.shared,
  });
}

export function toRegisterToken(nodeId: string, t: RegisterTokenOutputDTO): V1RegisterTokenDTO {
  return { node_id: nodeId, token: t.token, expires_at: iso(t.expiresAt)!, command: t.command, api_url: t.apiUrl, data_dir: t.dataDir };
}

export function toSystemInfo(s: Partial<SystemInfo>): V1SystemInfoDTO {
  return defined({
    hostname: s.hostname,
    os: s.os ?? '',
    platform: s.platform ?? '',
    kernel: s.kernel ?? '',
    arch: s.arch ?? '',
    cpu_count: s.cpuCount ?? 0,
    cpu_model: s.cpuModel ?? '',
    memory_bytes: s.memoryBytes ?? 0,
  });
}

export const toDisk = (d: InventoryEvent['disks'][number]): V1DiskDTO => ({ mount: d.mount, total_bytes: d.totalBytes, free_bytes: d.freeBytes });

export const toNetworkInterface = (n: InventoryEvent['network'][number]): V1NetworkInterfaceDTO => ({
  name: n.name,
  addresses: n.addresses.map((a) => ({ address: a.address, family: a.family, internal: a.internal })),
});

export const toSystemUser = (u: SystemUserInfo): V1SystemUserDTO => ({ name: u.name, uid: u.uid, gid: u.gid, home: u.home, shell: u.shell });

export const toProcess = (p: ProcessInfo): V1ProcessDTO => ({ pid: p.pid, user: p.user, uid: p.uid, command: p.command, cpu_percent: p.cpuPercent, memory_bytes: p.memoryBytes });

export const toContainer = (c: ContainerSummary): V1ContainerDTO => ({ id: c.id, name: c.name, image: c.image, state: c.state, status: c.status, labels: c.labels ?? {}, created_at: c.createdAt });

export const toLogLine = (l: LogLine): V1ContainerLogLineDTO => ({ stream: l.stream, timestamp: l.timestamp, line: l.line });

/** The inventory as NodeService.inventory returns it (already cut to what the caller may see). */
export interface InventoryInput {
  system: Partial<SystemInfo>;
  disks: InventoryEvent['disks'];
  network: InventoryEvent['network'];
  docker: InventoryEvent['docker'];
  containers: ContainerSummary[];
  processes: ProcessInfo[];
  systemUsers: SystemUserInfo[];
  scope: string;
  reportedAt: Date | null;
  connected: boolean;
}

export function toInventory(i: InventoryInput): V1InventoryDTO {
  return {
    system: toSystemInfo(i.system),
    disks: i.disks.map(toDisk),
    network: i.network.map(toNetworkInterface),
    docker: i.docker ? { version: i.docker.version, api_version: i.docker.apiVersion } : null,
    containers: i.containers.map(toContainer),
    processes: i.processes.map(toProcess),
    system_users: i.systemUsers.map(toSystemUser),
    reported_at: iso(i.reportedAt),
    connected: i.connected,
    scope: i.scope,
  };
}

export function toNodeMetric(m: NodeMetricOutputDTO): V1NodeMetricDTO {
  return {
    time: iso(m.time)!,
    cpu_percent: m.cpuPercent,
    memory_used_bytes: m.memoryUsedBytes,
    memory_total_bytes: m.memoryTotalBytes,
    disk_used_bytes: m.diskUsedBytes,
    disk_total_bytes: m.diskTotalBytes,
    network_rx_bytes: m.networkRxBytes,
    network_tx_bytes: m.networkTxBytes,
    load1: m.load1,
  };
}
