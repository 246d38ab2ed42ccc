import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import { AGENT_TOKEN_HEADER, AGENT_WS_PATH, MAX_FRAME_BYTES } from '@libs/agent-protocol/protocol';
import { sha256 } from '../../core/crypto/hash';
import { AppError } from '../../core/errors/app-error';
import { handshakeRequest, HandshakeSlot } from '../../core/ws/handshake';
import { OutpostGatewayOptions, useHandshakeGuards } from '../../core/ws/ws-adapter';
import { AgentChannel } from './agent-channel.service';
import { NodeRepository } from './node.repository';

/** The node an agent token proved, set on the upgrade request by AgentTokenGuard. */
export const AGENT_NODE = new HandshakeSlot<{ id: string; domainId: string | null }>('agent node');

/**
 * The agent token check on `GET /agent/ws` (header `x-agent-token`, stored as sha256): no or an
 * unknown token refuses the upgrade with 401 (no body); once shutdown began, 503 so the agent
 * reconnects to another process.
 */
@Injectable()
export class AgentTokenGuard implements CanActivate {
  constructor(
    private readonly channel: AgentChannel,
    private readonly nodes: NodeRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = handshakeRequest(context);
    if (!req) return false; // the agent socket has no Nest frame handlers
    // An agent told to reconnect must land on the next process, not on this closing one.
    if (!this.channel.admitting) throw AppError.unavailable('The API is shutting down');
    const token = req.headers[AGENT_TOKEN_HEADER];
    if (typeof token !== 'string' || !token) return false;
    const node = await this.nodes.findByAgentTokenHash(sha256(token));
    if (!node) return false;
    AGENT_NODE.set(req, { id: node.id, domainId: node.domainId });
    return true;
  }
}

/**
 * The agent socket, `/agent/ws`, as a Nest gateway on OutpostWsAdapter. It registers no frame
 * handlers and no frame codec: the agent protocol (`libs/agent-protocol`) is spoken by
 * AgentChannel's AgentHub directly on the socket, so agent frames never pass Nest's per-message
 * pipeline.
 */
@WebSocketGateway<OutpostGatewayOptions>({ path: AGENT_WS_PATH, maxPayload: MAX_FRAME_BYTES })
export class AgentGateway implements OnGatewayInit<WebSocketServer>, OnGatewayConnection<WebSocket> {
  constructor(
    private readonly channel: AgentChannel,
    private readonly tokenGuard: AgentTokenGuard,
  ) {}

  afterInit(server: WebSocketServer): void {
    useHandshakeGuards(server, [this.tokenGuard]);
  }

  handleConnection(ws: WebSocket, req: IncomingMessage): void {
    this.channel.attach(AGENT_NODE.get(req), ws, req);
  }
}
