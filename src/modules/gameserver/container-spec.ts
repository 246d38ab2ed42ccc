import type { Payload } from '@libs/agent-protocol/protocol';
import { DOMAIN_ID_LABEL } from '@libs/container-driver/container-driver';
import { buildEnvironment, renderStartup, WorkloadDefinition } from '../workload/definition/workload-definition';
import type { Allocation } from './entities/allocation.entity';
import type { GameServer } from './entities/gameserver.entity';

/** Where the server's data is mounted in its container. */
export const DATA_MOUNT = '/home/container';
/** Install scripts get at least this much memory and pids, whatever the server's own limits. */
const INSTALL_MIN_MEMORY_MIB = 256;
const INSTALL_MIN_PIDS = 256;

type ServerFields = Pick<GameServer, 'id' | 'domainId' | 'image' | 'variables' | 'memoryMiB' | 'cpuPercent' | 'pids' | 'diskMiB'> & Partial<Pick<GameServer, 'startup'>>;
type Port = Pick<Allocation, 'port' | 'containerPort' | 'protocol'> & Partial<Pick<Allocation, 'primary'>>;

/** Variables every template may use; the primary allocation (else the first) is the server's port. */
export function builtinVariables(server: Pick<GameServer, 'memoryMiB'>, allocations: readonly Port[]): { SERVER_MEMORY: string; SERVER_IP: string; SERVER_PORT: string } {
  const primary = allocations.find((a) => a.primary) ?? allocations[0];
  return { SERVER_MEMORY: String(server.memoryMiB), SERVER_IP: '0.0.0.0', SERVER_PORT: String(primary?.port ?? 0) };
}

/** The template as this server runs it: its own startup command, when it has one, replaces the template's. */
export function effectiveDefinition(server: Partial<Pick<GameServer, 'startup'>>, def: WorkloadDefinition): WorkloadDefinition {
  return server.startup ? { ...def, startup: server.startup } : def;
}

/** The one container spec of a game server: what `container.create` is sent. */
export function containerSpec(server: ServerFields, template: WorkloadDefinition, allocations: readonly Port[]): Payload<'container.create'>['spec'] {
  const def = effectiveDefinition(server, template);
  const builtins = builtinVariables(server, allocations);
  return {
    serverId: server.id,
    name: `outpost-${server.id}`,
    image: server.image,
    startup: renderStartup(def, { ...server.variables, ...builtins }),
    env: buildEnvironment(def, server.variables, builtins),
    limits: { memoryMiB: server.memoryMiB, swapMiB: 0, cpuPercent: server.cpuPercent, pids: server.pids, diskMiB: server.diskMiB },
    ports: allocations.map((a) => ({ ip: '0.0.0.0', hostPort: a.port, containerPort: a.containerPort, protocol: a.protocol })),
    mountPath: DATA_MOUNT,
    labels: { [DOMAIN_ID_LABEL]: server.domainId },
    openStdin: true,
  };
}

/** The install run of a template with an install script (Pterodactyl's model: data at /mnt/server). */
export function installSpec(
  server: ServerFields,
  install: NonNullable<WorkloadDefinition['install']>,
  template: WorkloadDefinition,
  allocations: readonly Port[],
  timeoutMs: number,
): Payload<'server.install'> {
  const def = effectiveDefinition(server, template);
  return {
    serverId: server.id,
    image: install.image,
    entrypoint: install.entrypoint,
    script: install.script,
    env: buildEnvironment(def, server.variables, builtinVariables(server, allocations)),
    limits: { memoryMiB: Math.max(server.memoryMiB, INSTALL_MIN_MEMORY_MIB), swapMiB: 0, cpuPercent: server.cpuPercent, pids: Math.max(server.pids, INSTALL_MIN_PIDS), diskMiB: server.diskMiB },
    timeoutMs,
  };
}
