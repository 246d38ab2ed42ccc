import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import { AGENT_TOKEN_HEADER, AGENT_TOKEN_PREFIX, TRANSFER_ID_PATTERN, TRANSFER_SIZE_HEADER, TRANSFER_TOKEN_HEADER } from '@libs/agent-protocol/protocol';
import { AppError } from '../../core/errors/app-error';
import { RawResponse } from '../../core/http/envelope';
import { Public } from '../../core/http/public.decorator';
import { NodeService } from '../node/node.service';
import { rawBodyOf } from './http-streams';
import { TransferDirection, TransferService } from './transfer.service';

/**
 * The agent's end of streamed transfers (not a user API): GET = the agent pulls bytes to write,
 * POST = the agent pushes bytes for a waiting download. Both need the agent token of the node the
 * transfer was issued to AND the transfer's one-use token; anything else gets 401/404 and no hint.
 */
@ApiExcludeController()
@Controller('agent/transfer')
export class TransferController {
  constructor(
    private readonly transfers: TransferService,
    private readonly nodes: NodeService,
  ) {}

  private async claim(req: FastifyRequest, transferId: string, direction: TransferDirection) {
    const agentToken = req.headers[AGENT_TOKEN_HEADER];
    if (typeof agentToken !== 'string' || !agentToken.startsWith(AGENT_TOKEN_PREFIX) || agentToken.length > 256) throw AppError.unauthorized('Agent token required');
    const node = await this.nodes.findByAgentToken(agentToken);
    if (!node) throw AppError.unauthorized('Agent token refused');
    const token = req.headers[TRANSFER_TOKEN_HEADER];
    const t = TRANSFER_ID_PATTERN.test(transferId) ? this.transfers.claim(transferId, typeof token === 'string' ? token : undefined, node.id, direction) : null;
    if (!t) throw AppError.notFound('Transfer');
    return t;
  }

  @Get(':transferId')
  @Public()
  @RawResponse()
  async pull(@Param('transferId') transferId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const t = await this.claim(req, transferId, 'pull');
    reply.header('content-type', 'application/octet-stream').header('cache-control', 'no-store');
    if (t.size !== undefined) reply.header('content-length', String(t.size));
    // The source is usually a user's upload request. If the agent stops reading (quota, error),
    // Fastify destroys what it was sending: a relay in between keeps the user's socket alive so
    // they still get the API's error reply.
    const source = t.source!;
    const relay = new PassThrough();
    relay.once('close', () => source.unpipe(relay));
    // …while a user who goes away still interrupts the agent's read (pipe() forwards only the end).
    source.once('error', (err) => relay.destroy(err));
    source.once('close', () => {
      if (!source.readableEnded) relay.destroy(new Error('upload interrupted'));
    });
    source.pipe(relay);
    return reply.send(relay);
  }

  @Post(':transferId')
  @Public()
  @HttpCode(200)
  @RawResponse()
  async push(@Param('transferId') transferId: string, @Req() req: FastifyRequest) {
    const t = await this.claim(req, transferId, 'push');
    const sizeHeader = req.headers[TRANSFER_SIZE_HEADER];
    const size = typeof sizeHeader === 'string' && /^\d{1,16}$/.test(sizeHeader) ? Number(sizeHeader) : undefined;
    const stream = rawBodyOf(req);
    // Answer the agent once the client has taken the whole stream (or went away).
    await new Promise<void>((resolve) => {
      stream.once('close', () => resolve());
      t.deliver!({ stream, size, done: resolve });
    });
    return { ok: true };
  }
}
