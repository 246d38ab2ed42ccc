import type { ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';

/**
 * The execution-context type of a guard run on a WebSocket upgrade request (before any socket
 * exists): `context.switchToHttp().getRequest()` is the `IncomingMessage`, `getArgByIndex(1)` the
 * path parameters. On a frame, the same guard sees Nest's usual `'ws'` context instead.
 */
export const WS_HANDSHAKE = 'ws-handshake';

/** The upgrade request when `context` is a handshake, else undefined. */
export function handshakeRequest(context: ExecutionContext): IncomingMessage | undefined {
  return context.getType<string>() === WS_HANDSHAKE ? context.switchToHttp().getRequest<IncomingMessage>() : undefined;
}

/** The path parameters (`:name` segments, still percent-encoded) of a handshake. */
export function handshakeParams(context: ExecutionContext): Record<string, string> {
  return context.getArgByIndex<Record<string, string> | undefined>(1) ?? {};
}

/** The bearer token of `Authorization: Bearer …` on a request, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
}

/**
 * What a handshake guard resolved (the console grant, the agent's node), carried from the
 * upgrade request to the gateway's `handleConnection(socket, request)`: the socket-side
 * counterpart of `request.auth` on HTTP. Keyed by the request, so nothing leaks onto it.
 */
export class HandshakeSlot<T> {
  private readonly values = new WeakMap<object, T>();

  constructor(readonly name: string) {}

  set(carrier: object, value: T): void {
    this.values.set(carrier, value);
  }

  /** Throws when the guard that fills the slot did not run: a wiring error, never a client's. */
  get(carrier: object): T {
    const value = this.values.get(carrier);
    if (value === undefined) throw new Error(`${this.name} is not set: its handshake guard did not run`);
    return value;
  }

  find(carrier: object): T | undefined {
    return this.values.get(carrier);
  }
}
