import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:net';
import type { Readable } from 'node:stream';
import { AGENT_TRANSFER_PATH } from '@libs/agent-protocol/protocol';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { sha256Bytes } from '../../core/crypto/hash';
import { RedisService } from '../../core/redis/redis.service';
import { internalUrl, ReplicaRelay } from './replica-relay';

/** How long the agent has to open a transfer after it was handed out. */
export const TRANSFER_TTL_MS = 60_000;

export type TransferDirection = 'pull' | 'push';

export interface PushArrival {
  stream: Readable;
  /** Byte size announced by the agent (single files), else undefined. */
  size?: number;
  /** Call when the consumer is done with the stream (finished or gave up). */
  done(): void;
}

/** The half of a ticket only the issuing process has: what the agent's bytes are paired with. */
export interface Pending {
  id: string;
  tokenHash: Buffer;
  nodeId: string;
  serverId: string;
  direction: TransferDirection;
  expiresAt: number;
  /** Settles once the shared record was written to Redis (true) or could not be (false: this process only). */
  stored: Promise<boolean>;
  shared: boolean;
  /** pull: the bytes the agent will GET. */
  source?: Readable;
  size?: number;
  /** push: hands the agent's request stream to the waiting client. */
  deliver?: (arrival: PushArrival) => void;
  fail(err: Error): void;
}

/** The shared half, in Redis under `transfer:<id>` until claimed or expired. */
interface SharedTicket {
  tokenHash: string;
  nodeId: string;
  serverId: string;
  direction: TransferDirection;
  expiresAt: number;
  /** Internal base URL of the issuing process (INTERNAL_URL). */
  owner: string;
}

/** A claimed ticket: the waiting request is in this process, or in the replica at `owner`. */
export type Claim = { kind: 'local'; ticket: Pending } | { kind: 'remote'; id: string; direction: TransferDirection; owner: string };

export interface TransferTicket {
  id: string;
  transferPath: string;
  transferToken: string;
  /** Forget the transfer (no-op once claimed). */
  cancel(): void;
}

/**
 * Atomic one-use claim: the record is deleted only when token hash, node, direction and expiry
 * match, so a wrong guess does not use the ticket up. Returns the record, or nil.
 */
const CLAIM_SCRIPT = `
local v = redis.call('GET', KEYS[1])
if not v then return false end
local t = cjson.decode(v)
if t.tokenHash ~= ARGV[1] or t.nodeId ~= ARGV[2] or t.direction ~= ARGV[3] or tonumber(t.expiresAt) <= tonumber(ARGV[4]) then return false end
redis.call('DEL', KEYS[1])
return v
`;

/**
 * One-use transfer tickets between a waiting HTTP request (a user's upload or download, a backup
 * moving between nodes) and the agent request that carries the bytes. A ticket is bound to (node,
 * server, direction), expires after TRANSFER_TTL_MS if unclaimed, and is removed on its first
 * successful claim; only the hash of its token is kept.
 *
 * With Redis, a ticket's record (token hash, node, server, direction, expiry, the issuing
 * process's INTERNAL_URL) is shared, so the agent's request may land on any API replica: that
 * replica claims the record atomically in Redis, and when the waiting request is in another process
 * it streams the agent's request and response through to that process (ReplicaRelay, signed with
 * a key derived from JWT_SECRET). The waiting stream itself can only live in the issuing process;
 * it is taken from there once. Without Redis (or while it is unreachable) tickets are checked in
 * this process only, and the agent must reach the process that issued them.
 */
@Injectable()
export class TransferService implements OnModuleDestroy {
  private readonly logger = new Logger('Transfers');
  private readonly pending = new Map<string, Pending>();
  private readonly sweeper = setInterval(() => this.sweep(), 5_000).unref();
  readonly relay: ReplicaRelay;
  private ownUrl?: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisService,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.relay = new ReplicaRelay(config.JWT_SECRET ?? '');
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
    for (const p of this.pending.values()) p.fail(new Error('shutting down'));
    this.pending.clear();
  }

  /** This process's base URL for the other replicas (INTERNAL_URL, else the address it listens on). */
  internalUrl(): string {
    if (this.ownUrl) return this.ownUrl;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    const address = server?.address();
    if (address && typeof address === 'object') return (this.ownUrl = internalUrl(this.config.INTERNAL_URL, address));
    return internalUrl(this.config.INTERNAL_URL, { address: this.config.HOST, port: this.config.PORT });
  }

  private key(id: string): string {
    return this.redis.key('transfer', id);
  }

  private open(nodeId: string, serverId: string, direction: TransferDirection, extra: Partial<Pending> & { fail(err: Error): void }): TransferTicket {
    const id = randomBytes(18).toString('base64url');
    const transferToken = randomBytes(32).toString('base64url');
    const p: Pending = { id, tokenHash: sha256Bytes(transferToken), nodeId, serverId, direction, expiresAt: Date.now() + TRANSFER_TTL_MS, stored: Promise.resolve(false), shared: false, ...extra };
    p.stored = this.store(p);
    this.pending.set(id, p);
    return {
      id,
      transferPath: `${AGENT_TRANSFER_PATH}/${id}`,
      transferToken,
      cancel: () => {
        if (this.pending.get(id) !== p) return;
        this.pending.delete(id);
        void p.stored.then((shared) => (shared ? this.redis.client?.del(this.key(id)) : undefined)).catch(() => undefined);
      },
    };
  }

  /**
   * Writes the shared record. Sent on the command connection before the agent command that names
   * the ticket is published on it, so a replica receiving that command finds the record.
   */
  private async store(p: Pending): Promise<boolean> {
    const client = this.redis.client;
    if (!client || !this.redis.isUp()) return false;
    const record: SharedTicket = { tokenHash: p.tokenHash.toString('hex'), nodeId: p.nodeId, serverId: p.serverId, direction: p.direction, expiresAt: p.expiresAt, owner: this.internalUrl() };
    try {
      await client.set(this.key(p.id), JSON.stringify(record), 'PX', TRANSFER_TTL_MS + 5_000);
      p.shared = true;
      return true;
    } catch (err) {
      this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'transfer ticket kept in this process only (Redis unavailable)');
      return false;
    }
  }

  /** The agent will GET `source` (streamed, once). */
  createPull(nodeId: string, serverId: string, source: Readable, size?: number): TransferTicket {
    return this.open(nodeId, serverId, 'pull', { source, size, fail: () => undefined });
  }

  /** The agent will POST the bytes; `arrival` resolves with its request stream. */
  createPush(nodeId: string, serverId: string): TransferTicket & { arrival: Promise<PushArrival> } {
    let deliver!: (a: PushArrival) => void;
    let fail!: (err: Error) => void;
    const arrival = new Promise<PushArrival>((resolve, reject) => {
      deliver = resolve;
      fail = reject;
    });
    arrival.catch(() => undefined);
    const ticket = this.open(nodeId, serverId, 'push', { deliver, fail });
    return { ...ticket, arrival };
  }

  /**
   * Redeems a ticket for the node whose agent token was verified. Returns null unless the id,
   * token, node and direction all match an unexpired, unclaimed ticket (no hint which one failed).
   */
  async claim(id: string, token: string | undefined, nodeId: string, direction: TransferDirection): Promise<Claim | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 256) return null;
    const tokenHash = sha256Bytes(token);
    const local = this.pending.get(id);
    if (local) await local.stored;
    if (this.redis.client && (!local || local.shared)) {
      let record: SharedTicket | null | undefined;
      try {
        const raw = (await this.redis.client.eval(CLAIM_SCRIPT, 1, this.key(id), tokenHash.toString('hex'), nodeId, direction, String(Date.now()))) as string | null;
        record = raw ? (JSON.parse(raw) as SharedTicket) : null;
      } catch (err) {
        // Redis unreachable: only a ticket issued here can still be checked (below).
        this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'transfer claim falls back to this process (Redis unavailable)');
      }
      if (record === null) return null;
      if (record && !local) return { kind: 'remote', id, direction, owner: record.owner };
      if (record) {
        if (this.pending.get(id) !== local) return null;
        this.pending.delete(id);
        return { kind: 'local', ticket: local! };
      }
    }
    if (!local) return null;
    const ok = timingSafeEqual(local.tokenHash, tokenHash) && local.nodeId === nodeId && local.direction === direction && local.expiresAt > Date.now();
    if (!ok || this.pending.get(id) !== local) return null;
    this.pending.delete(id);
    if (local.shared) void this.redis.client?.del(this.key(id)).catch(() => undefined);
    return { kind: 'local', ticket: local };
  }

  /**
   * The owner's side of a relay (its signature already verified): hands out the waiting half of a
   * ticket another replica claimed in Redis. Once; null when it is gone or of the other direction.
   */
  takeRelayed(id: string, direction: TransferDirection): Pending | null {
    const p = this.pending.get(id);
    if (!p || p.direction !== direction || !p.shared) return null;
    this.pending.delete(id);
    return p;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, p] of this.pending) {
      if (p.expiresAt <= now) {
        this.pending.delete(id);
        p.fail(new Error('transfer expired'));
      }
    }
  }
}
