import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { RedisService } from '../../core/redis/redis.service';
import { AgentError, CommandName, Payload, Result } from '@libs/agent-protocol/protocol';

interface RelayRequest {
  id: string;
  replyTo: string;
  command: CommandName;
  payload: unknown;
  timeoutMs: number;
}

interface RelayReply {
  id: string;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

type LocalSend = (nodeId: string, command: CommandName, payload: unknown, timeoutMs: number) => Promise<unknown>;

/**
 * Lets any API process command any node: an agent holds one socket to one process, so a process
 * without the socket publishes the command on the node's Redis channel; the process holding the
 * socket (subscribed to the channels of its connected nodes) runs it and publishes the answer on
 * the requester's reply channel. PUBLISH reaching nobody means no process has the node: offline.
 */
export class AgentCommandRelay {
  private readonly logger = new Logger('AgentCommandRelay');
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly replyChannel: string;
  private readonly nodeChannelPrefix: string;
  private readonly pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout }>();
  private ready: Promise<unknown>;

  /** `redis` must have a client (REDIS_URL set). */
  constructor(
    redis: RedisService,
    private readonly runLocally: LocalSend,
  ) {
    if (!redis.client) throw new Error('AgentCommandRelay needs REDIS_URL');
    this.pub = redis.client;
    this.sub = redis.subscriber('agent command relay');
    this.replyChannel = redis.key('agent-rpc', 'reply', randomUUID());
    this.nodeChannelPrefix = `${redis.key('agent-rpc', 'node')}:`;
    this.sub.on('message', (channel, message) => void this.onMessage(channel, message));
    this.ready = this.sub.subscribe(this.replyChannel);
  }

  private nodeChannel(nodeId: string) {
    return this.nodeChannelPrefix + nodeId;
  }

  /** This process holds the node's socket now: take its relayed commands. */
  async own(nodeId: string): Promise<void> {
    await this.sub.subscribe(this.nodeChannel(nodeId));
  }

  async disown(nodeId: string): Promise<void> {
    await this.sub.unsubscribe(this.nodeChannel(nodeId));
  }

  async send<C extends CommandName>(nodeId: string, command: C, payload: Payload<C>, timeoutMs: number): Promise<Result<C>> {
    await this.ready;
    const id = randomUUID();
    const request: RelayRequest = { id, replyTo: this.replyChannel, command, payload, timeoutMs };
    const answer = new Promise<unknown>((resolve, reject) => {
      // A little longer than the agent's own timeout, so its 'timeout' error wins when it answers.
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AgentError('timeout', `no answer from the process holding node ${nodeId} within ${timeoutMs} ms`));
      }, timeoutMs + 2000);
      this.pending.set(id, { resolve, reject, timer });
    });
    const receivers = await this.pub.publish(this.nodeChannel(nodeId), JSON.stringify(request));
    if (receivers === 0) {
      const p = this.pending.get(id);
      if (p) clearTimeout(p.timer);
      this.pending.delete(id);
      throw new AgentError('offline', `node ${nodeId} is not connected to any API process`);
    }
    return answer as Promise<Result<C>>;
  }

  private async onMessage(channel: string, message: string): Promise<void> {
    let parsed: RelayRequest & RelayReply;
    try {
      parsed = JSON.parse(message) as RelayRequest & RelayReply;
    } catch {
      return;
    }
    if (channel === this.replyChannel) {
      const p = this.pending.get(parsed.id);
      if (!p) return;
      clearTimeout(p.timer);
      this.pending.delete(parsed.id);
      if (parsed.ok) p.resolve(parsed.result);
      else p.reject(new AgentError(parsed.error?.code ?? 'internal', parsed.error?.message ?? 'relayed command failed'));
      return;
    }
    const nodeId = channel.slice(this.nodeChannelPrefix.length);
    let reply: RelayReply;
    try {
      reply = { id: parsed.id, ok: true, result: await this.runLocally(nodeId, parsed.command, parsed.payload, parsed.timeoutMs) };
    } catch (err) {
      const code = err instanceof AgentError ? err.code : 'internal';
      reply = { id: parsed.id, ok: false, error: { code, message: err instanceof Error ? err.message : String(err) } };
    }
    await this.pub.publish(parsed.replyTo, JSON.stringify(reply)).catch((err: unknown) => this.logger.warn({ err }, 'relay reply failed'));
  }

  async close(): Promise<void> {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new AgentError('offline', 'API process is shutting down'));
    }
    this.pending.clear();
    // The command client is shared (RedisService closes it); the subscriber stops taking relayed commands now.
    this.sub.disconnect();
  }
}
