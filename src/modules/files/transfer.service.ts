import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Bytes } from '../../core/crypto/hash';
import type { Readable } from 'node:stream';
import { AGENT_TRANSFER_PATH } from '@libs/agent-protocol/protocol';

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

interface Pending {
  id: string;
  tokenHash: Buffer;
  nodeId: string;
  serverId: string;
  direction: TransferDirection;
  expiresAt: number;
  /** pull: the bytes the agent will GET. */
  source?: Readable;
  size?: number;
  /** push: hands the agent's request stream to the waiting client. */
  deliver?: (arrival: PushArrival) => void;
  fail(err: Error): void;
}

export interface TransferTicket {
  id: string;
  transferPath: string;
  transferToken: string;
  /** Forget the transfer (no-op once claimed). */
  cancel(): void;
}

/**
 * One-use transfer tickets between a waiting HTTP request (a user's upload or download) and the
 * agent request that carries the bytes. A ticket is bound to (node, server, direction), expires
 * after TRANSFER_TTL_MS if unclaimed, and is removed on its first successful claim. Only the hash
 * of its token is kept. Tickets live in this process: the agent must reach the API process that
 * handed them out (the one holding its socket).
 */
@Injectable()
export class TransferService implements OnModuleDestroy {
  private readonly pending = new Map<string, Pending>();
  private readonly sweeper = setInterval(() => this.sweep(), 5_000).unref();

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
    for (const p of this.pending.values()) p.fail(new Error('shutting down'));
    this.pending.clear();
  }

  private open(nodeId: string, serverId: string, direction: TransferDirection, extra: Partial<Pending> & { fail(err: Error): void }): TransferTicket {
    const id = randomBytes(18).toString('base64url');
    const transferToken = randomBytes(32).toString('base64url');
    this.pending.set(id, { id, tokenHash: sha256Bytes(transferToken), nodeId, serverId, direction, expiresAt: Date.now() + TRANSFER_TTL_MS, ...extra });
    return { id, transferPath: `${AGENT_TRANSFER_PATH}/${id}`, transferToken, cancel: () => void this.pending.delete(id) };
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
  claim(id: string, token: string | undefined, nodeId: string, direction: TransferDirection): Pending | null {
    const p = this.pending.get(id);
    if (!p || typeof token !== 'string' || token.length === 0 || token.length > 256) return null;
    const ok = timingSafeEqual(p.tokenHash, sha256Bytes(token)) && p.nodeId === nodeId && p.direction === direction && p.expiresAt > Date.now();
    if (!ok) return null;
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
