import { Injectable } from '@nestjs/common';
import { AppError } from '../../core/errors/app-error';
import { trustedDomainId } from '@libs/tenancy/domain-id';
import type { ContainerState, InstallResult, LogLine, StopOptions } from '@libs/container-driver/container-driver';
import { AgentChannel } from '../node/agent-channel.service';
import { WorkloadDefinition } from '../workload/definition/workload-definition';
import { WorkloadService } from '../workload/workload.service';
import { containerSpec, installSpec } from './container-spec';
import { GameServer } from './entities/gameserver.entity';
import { AllocationRepository, GameServerRepository } from './gameserver.repository';

/** Pulling an image can take a while on a slow link. */
export const IMAGE_PULL_TIMEOUT_MS = 120_000;
export const CONTAINER_CREATE_TIMEOUT_MS = 60_000;
/** Removing a container with its data (a large world) is slower than the default. */
export const CONTAINER_REMOVE_TIMEOUT_MS = 60_000;
/** How long a graceful stop may take before the agent kills the process, when the template does not set stopTimeoutSeconds. */
export const STOP_TIMEOUT_MS = 30_000;
/** Extra wait for the agent's answer beyond the agent's own timeout (stop, install). */
const AGENT_ANSWER_MARGIN_MS = 15_000;
/** Asking the node about a container after a failed command or on an inventory contradiction: short, the caller is waiting. */
const OBSERVE_TIMEOUT_MS = 5_000;
/** AgentChannel.send's own default. */
const AGENT_DEFAULT_TIMEOUT_MS = 30_000;
export const INSTALL_TIMEOUT_MS = 10 * 60_000;
const INSTALL_ANSWER_MARGIN_MS = 30_000;

/**
 * The lifecycle's runtime layer: what a game server needs from its node's agent — images, its
 * one container (always built by `containerSpec`), install runs, processes. No state changes
 * here; the power layer decides when to call these.
 */
@Injectable()
export class GameServerRuntime {
  constructor(
    private readonly servers: GameServerRepository,
    private readonly allocations: AllocationRepository,
    private readonly workloads: WorkloadService,
    private readonly channel: AgentChannel,
  ) {}

  /** The server's template as it is now (templates are editable). */
  async definition(server: GameServer): Promise<WorkloadDefinition> {
    return (await this.workloads.find(trustedDomainId(server.domainId), server.workloadId)).definition;
  }

  async ensureImage(nodeId: string, ref: string): Promise<void> {
    await this.channel.send(nodeId, 'images.ensure', { ref }, IMAGE_PULL_TIMEOUT_MS);
  }

  /** Creates the server's container on the node its row names, with its current settings, and records it. */
  async createContainer(server: GameServer, def?: WorkloadDefinition): Promise<void> {
    const domainId = trustedDomainId(server.domainId);
    const allocations = await this.allocations.forServer(domainId, server.id);
    const spec = containerSpec(server, def ?? (await this.definition(server)), allocations);
    const { containerId } = await this.channel.send(server.nodeId, 'container.create', { spec }, CONTAINER_CREATE_TIMEOUT_MS);
    await this.servers.update(domainId, server.id, { containerId, containerOutdated: false });
  }

  /** Removes the container (and with `deleteData`, the server's files) and forgets it. */
  async removeContainer(server: GameServer, deleteData: boolean): Promise<void> {
    await this.channel.send(server.nodeId, 'server.remove', { serverId: server.id, deleteData }, CONTAINER_REMOVE_TIMEOUT_MS);
    if (!deleteData) await this.servers.update(trustedDomainId(server.domainId), server.id, { containerId: null });
  }

  /** Runs the template's install script in its own container over the server's data. */
  async runInstall(server: GameServer, def: WorkloadDefinition & { install: NonNullable<WorkloadDefinition['install']> }): Promise<InstallResult> {
    const allocations = await this.allocations.forServer(trustedDomainId(server.domainId), server.id);
    await this.ensureImage(server.nodeId, def.install.image);
    return this.channel.send(server.nodeId, 'server.install', installSpec(server, def.install, def, allocations, INSTALL_TIMEOUT_MS), INSTALL_TIMEOUT_MS + INSTALL_ANSWER_MARGIN_MS);
  }

  /** `alreadyRunning`: the container was running before (nothing was started). */
  start(server: GameServer): Promise<{ alreadyRunning?: boolean }> {
    return this.channel.send(server.nodeId, 'server.start', { serverId: server.id });
  }

  /** The template's stop: a console command or a signal, then a kill after its stop timeout (STOP_TIMEOUT_MS by default). */
  async stop(server: GameServer): Promise<void> {
    const def = await this.definition(server);
    const timeoutMs = def.stopTimeoutSeconds !== undefined ? def.stopTimeoutSeconds * 1000 : STOP_TIMEOUT_MS;
    const stop: StopOptions = def.stop.type === 'command' ? { command: def.stop.value, timeoutMs } : { signal: def.stop.value, timeoutMs };
    await this.channel.send(server.nodeId, 'server.stop', { serverId: server.id, stop }, timeoutMs + AGENT_ANSWER_MARGIN_MS);
  }

  /** SIGKILL; a process that already ended is fine. */
  async kill(server: GameServer): Promise<void> {
    try {
      await this.channel.send(server.nodeId, 'server.kill', { serverId: server.id, signal: 'SIGKILL' });
    } catch (err) {
      const code = GameServerRuntime.agentCode(err);
      if (code !== 'conflict' && code !== 'not_found') throw err;
    }
  }

  async command(server: GameServer, command: string): Promise<void> {
    await this.channel.send(server.nodeId, 'server.command', { serverId: server.id, command });
  }

  /** The runtime's own record of the container (null when it has none or the agent cannot say). */
  async inspect(nodeId: string, serverId: string): Promise<ContainerState | null> {
    const state = await this.containerState(nodeId, serverId, AGENT_DEFAULT_TIMEOUT_MS);
    return state === 'absent' ? null : state;
  }

  /** Whether the server's container runs, as the node says right now: 'absent' when it has none, null when the node cannot be asked. */
  async observe(server: GameServer): Promise<{ running: boolean } | 'absent' | null> {
    const state = await this.containerState(server.nodeId, server.id, OBSERVE_TIMEOUT_MS);
    return state === null || state === 'absent' ? state : { running: state.running };
  }

  /** One `server.inspect`: 'absent' when the node has no container, null when it cannot be asked. */
  private async containerState(nodeId: string, serverId: string, timeoutMs: number): Promise<ContainerState | 'absent' | null> {
    try {
      return (await this.channel.send(nodeId, 'server.inspect', { serverId }, timeoutMs)) ?? 'absent';
    } catch (err) {
      return err instanceof AppError && err.code === 'NotFoundError' ? 'absent' : null;
    }
  }

  /** Console output of the server's container since `since` (the runtime's log), newest `tail` lines. */
  logs(server: GameServer, since: Date, tail: number): Promise<LogLine[]> {
    return this.channel.send(server.nodeId, 'server.logs', { serverId: server.id, since: Math.floor(since.getTime() / 1000), tail });
  }

  /** Live resource use and disk usage (null when the agent cannot measure it). */
  async liveStats(server: GameServer) {
    const [stats, usage] = await Promise.all([
      this.channel.send(server.nodeId, 'server.stats', { serverId: server.id }),
      this.channel.send(server.nodeId, 'files.usage', { serverId: server.id }).catch(() => null),
    ]);
    return { stats, diskUsedBytes: usage?.usedBytes ?? null };
  }

  /** Whether an agent error means the node is not connected. */
  static isOffline(err: unknown): boolean {
    return GameServerRuntime.agentCode(err) === 'offline';
  }

  /** The agent's error code behind an API error (undefined: not an agent error). */
  static agentCode(err: unknown): string | undefined {
    return err instanceof AppError ? (err.details as { agentCode?: string } | undefined)?.agentCode : undefined;
  }
}
