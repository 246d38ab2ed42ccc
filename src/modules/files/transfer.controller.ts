import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { AGENT_TOKEN_HEADER, AGENT_TOKEN_PREFIX, TRANSFER_ID_PATTERN, TRANSFER_SIZE_HEADER, TRANSFER_TOKEN_HEADER } from '@libs/agent-protocol/protocol';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import { RawResponse } from '../../core/http/envelope';
import { Public } from '../../core/http/public.decorator';
import { NodeService } from '../node/node.service';
import { rawBodyOf, UPLOAD_BUFFER_BYTES } from './http-streams';
import { readSmall, RELAY_HEADER } from './replica-relay';
import { Claim, Pending, TransferDirection, TransferService } from './transfer.service';

function announcedSize(req: FastifyRequest): number | undefined {
  const sizeHeader = req.headers[TRANSFER_SIZE_HEADER];
  return typeof sizeHeader === 'string' && /^\d{1,16}$/.test(sizeHeader) ? Number(sizeHeader) : undefined;
}

/**
 * The agent's end of streamed transfers (not a user API): GET = the agent pulls bytes to write,
 * POST = the agent pushes bytes for a waiting download. Both need the agent token of the node the
 * transfer was issued to AND the transfer's one-use token; anything else gets 401/404 and no hint.
 *
 * `…/relay` is the same, one replica to another: the replica the agent reached claimed the ticket
 * and streams the agent's request and response through to the replica holding the waiting request
 * (this one). It needs the installation's relay signature (ReplicaRelay), nothing else is accepted.
 */
@ApiExcludeController()
@Controller('agent/transfer')
export class TransferController {
  constructor(
    private readonly transfers: TransferService,
    private readonly nodes: NodeService,
  ) {}

  private async claim(req: FastifyRequest, transferId: string, direction: TransferDirection): Promise<Claim> {
    const agentToken = req.headers[AGENT_TOKEN_HEADER];
    if (typeof agentToken !== 'string' || !agentToken.startsWith(AGENT_TOKEN_PREFIX) || agentToken.length > 256) throw AppError.unauthorized('Agent token required');
    const node = await this.nodes.findByAgentToken(agentToken);
    if (!node) throw AppError.unauthorized('Agent token refused');
    const token = req.headers[TRANSFER_TOKEN_HEADER];
    const t = TRANSFER_ID_PATTERN.test(transferId) ? await this.transfers.claim(transferId, typeof token === 'string' ? token : undefined, node.id, direction) : null;
    if (!t) throw AppError.notFound('Transfer');
    return t;
  }

  private relayed(req: FastifyRequest, transferId: string, direction: TransferDirection): Pending {
    if (!TRANSFER_ID_PATTERN.test(transferId) || !this.transfers.relay.verify(req.headers[RELAY_HEADER], direction, transferId)) {
      throw AppError.unauthorized('Relay signature refused');
    }
    const t = this.transfers.takeRelayed(transferId, direction);
    if (!t) throw AppError.notFound('Transfer');
    return t;
  }

  /** Opens the owner's end; an unreachable owner is 502 (the agent's command fails, the user's request gets its error there). */
  private async openRelay(claim: Extract<Claim, { kind: 'remote' }>, body?: { stream: Readable; size?: number }): Promise<IncomingMessage> {
    try {
      return await this.transfers.relay.open(claim.owner, claim.direction, claim.id, body);
    } catch (err) {
      throw new AppError(ErrorCode.BadGatewayError, `The API replica holding this transfer is unreachable: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Streams the bytes of a pull ticket issued here (the agent's or a relaying replica's request). */
  private sendPull(t: Pending, reply: FastifyReply) {
    reply.header('content-type', 'application/octet-stream').header('cache-control', 'no-store');
    if (t.size !== undefined) reply.header('content-length', String(t.size));
    // The source is usually a user's upload request. If the agent stops reading (quota, error),
    // Fastify destroys what it was sending: a relay in between keeps the user's socket alive so
    // they still get the API's error reply.
    const source = t.source!;
    const relay = new PassThrough({ highWaterMark: UPLOAD_BUFFER_BYTES });
    relay.once('close', () => source.unpipe(relay));
    // …while a user who goes away still interrupts the agent's read (pipe() forwards only the end).
    source.once('error', (err) => relay.destroy(err));
    source.once('close', () => {
      if (!source.readableEnded) relay.destroy(new Error('upload interrupted'));
    });
    source.pipe(relay);
    return reply.send(relay);
  }

  /** Hands an incoming stream to the waiting download of a push ticket issued here; resolves when it was consumed. */
  private async deliverPush(t: Pending, stream: Readable, size: number | undefined) {
    // Answer the agent once the client has taken the whole stream (or went away).
    await new Promise<void>((resolve) => {
      stream.once('close', () => resolve());
      t.deliver!({ stream, size, done: resolve });
    });
    return { ok: true };
  }

  /** Passes the owner's reply on as it is (bytes for a pull, the owner's envelope otherwise), streamed. */
  private forward(res: IncomingMessage, reply: FastifyReply) {
    reply.code(res.statusCode ?? 502).header('cache-control', 'no-store');
    for (const h of ['content-type', 'content-length']) if (res.headers[h] !== undefined) reply.header(h, res.headers[h]);
    // An owner that goes away mid-stream (the user's upload ended) interrupts the agent's read.
    res.once('aborted', () => res.destroy(new Error('relay interrupted')));
    return reply.send(res);
  }

  @Get(':transferId')
  @Public()
  @RawResponse()
  async pull(@Param('transferId') transferId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const c = await this.claim(req, transferId, 'pull');
    if (c.kind === 'local') return this.sendPull(c.ticket, reply);
    return this.forward(await this.openRelay(c), reply);
  }

  @Post(':transferId')
  @Public()
  @HttpCode(200)
  @RawResponse()
  async push(@Param('transferId') transferId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const c = await this.claim(req, transferId, 'push');
    const stream = rawBodyOf(req);
    const size = announcedSize(req);
    if (c.kind === 'local') return reply.code(200).send(await this.deliverPush(c.ticket, stream, size));
    const res = await this.openRelay(c, { stream, size });
    // The owner answers once its client took the stream; its reply is small (the envelope).
    const body = await readSmall(res);
    reply.code(res.statusCode ?? 502).header('cache-control', 'no-store');
    if (res.headers['content-type']) reply.header('content-type', res.headers['content-type']);
    return reply.send(body);
  }

  @Get(':transferId/relay')
  @Public()
  @RawResponse()
  relayPull(@Param('transferId') transferId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.sendPull(this.relayed(req, transferId, 'pull'), reply);
  }

  @Post(':transferId/relay')
  @Public()
  @HttpCode(200)
  @RawResponse()
  async relayPush(@Param('transferId') transferId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const t = this.relayed(req, transferId, 'push');
    return reply.code(200).send(await this.deliverPush(t, rawBodyOf(req), announcedSize(req)));
  }
}
