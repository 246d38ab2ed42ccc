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
 *
 * Redis is optional at runtime: while it is unreachable a relayed command fails at once with
 * 'offline' (the relay is unavailable; nothing was sent), a command whose answer was still due
 * when the connection dropped fails with 'disconnected' (it may have run), and subscribing to a
 * connected node's channel never waits for Redis (the subscription is made when it is back).
 */
export class AgentCommandRelay {
  private readonly logger = new Logger('AgentCommandRelay');
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly replyChannel: string;
  private readonly nodeChannelPrefix: string;
  private readonly pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout }>();
  /** Request ids: unique per reply channel (itself unique per process), so a counter will do. */
  private nextId = 0;
  /** The reply channel is subscribed (ioredis restores it after a reconnect). */
  private replyReady = false;

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
    // Answers published while this connection is down are lost: fail those requests now, not at their timeout.
    this.sub.on('close', () => this.failPending('disconnected', 'the command relay (Redis) connection dropped before the answer came; the command may or may not have run'));
    this.sub.subscribe(this.replyChannel).then(
      () => (this.replyReady = true),
      (err: unknown) => this.logger.warn({ err: String(err) }, 'relay reply channel not subscribed'),
    );
  }

  /** Whether relayed commands can be sent and answered right now. */
  get available(): boolean {
    return this.replyReady && this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  /**
   * (Un)subscribes a node channel; waits only while Redis is up (and 2 s at most, should it drop
   * meanwhile), else the command is sent when it is back: an agent's connect never hangs on Redis.
   */
  private async subscription(command: Promise<unknown>, nodeId: string): Promise<void> {
    const settled = command.catch((err: unknown) => this.logger.warn({ err: String(err), nodeId }, 'relay subscription change failed'));
    if (this.sub.status !== 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([settled, new Promise((r) => (timer = setTimeout(r, 2000)))]);
    clearTimeout(timer);
  }

  private nodeChannel(nodeId: string) {
    return this.nodeChannelPrefix + nodeId;
  }

  /** This process holds the node's socket now: take its relayed commands. */
  async own(nodeId: string): Promise<void> {
    await this.subscription(this.sub.subscribe(this.nodeChannel(nodeId)), nodeId);
  }

  async disown(nodeId: string): Promise<void> {
    await this.subscription(this.sub.unsubscribe(this.nodeChannel(nodeId)), nodeId);
  }

  async send<C extends CommandName>(nodeId: string, command: C, payload: Payload<C>, timeoutMs: number): Promise<Result<C>> {
    if (!this.available) throw new AgentError('offline', `node ${nodeId} is not connected to this API process and the command relay to the others is unavailable (Redis unreachable)`);
    const id = (++this.nextId).toString(36);
    const request: RelayRequest = { id, replyTo: this.replyChannel, command, payload, timeoutMs };
    const answer = new Promise<unknown>((resolve, reject) => {
      // A little longer than the agent's own timeout, so its 'timeout' error wins when it answers.
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AgentError('timeout', `no answer from the process holding node ${nodeId} within ${timeoutMs} ms`));
      }, timeoutMs + 2000);
      this.pending.set(id, { resolve, reject, timer });
    });
    // Its timer could fire while PUBLISH is still out: that rejection must not count as unhandled.
    answer.catch(() => undefined);
    const settle = () => {
      const p = this.pending.get(id);
      if (p) clearTimeout(p.timer);
      this.pending.delete(id);
    };
    let receivers: number;
    try {
      receivers = await this.pub.publish(this.nodeChannel(nodeId), JSON.stringify(request));
    } catch (err) {
      settle();
      const reason = err instanceof Error ? err.message : String(err);
      throw new AgentError('disconnected', `the command relay (Redis) failed while sending to the process holding node ${nodeId} (${reason}); the command may or may not have run`);
    }
    if (receivers === 0) {
      settle();
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

  private failPending(code: 'disconnected', message: string): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new AgentError(code, message));
    }
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.failPending('disconnected', 'API process is shutting down before the answer came');
    // The command client is shared (RedisService closes it); the subscriber stops taking relayed commands now.
    this.sub.disconnect();
  }
}
