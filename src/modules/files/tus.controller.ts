import { Controller, Delete, Head, Options, Param, ParseUUIDPipe, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiPreconditionFailedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import { RawResponse } from '../../core/http/envelope';
import { ApiNoBodyResponse } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../auth/auth-context';
import { NotAudited } from '../auditlog/audit.decorator';
import { drainBody, rawBodyOf } from './http-streams';
import { FilesService } from './files.service';
import { TUS_EXTENSIONS, TUS_VERSION, TusService } from './tus.service';

function tusHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('Tus-Resumable', TUS_VERSION).header('Cache-Control', 'no-store');
}

function count(value: unknown, name: string): number {
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw AppError.badRequest(`${name} must be a non-negative integer`);
  }
  return Number(value);
}

/** TUS 1.0.0 resumable uploads (core + creation + termination). Replies follow TUS; errors use the envelope. */
@ApiTags('files')
@ApiBearerAuth()
@Controller('gameserver')
export class TusController {
  constructor(
    private readonly tus: TusService,
    private readonly files: FilesService,
  ) {}

  /** Fails with 412 when the client speaks another TUS version. */
  private version(req: FastifyRequest, reply: FastifyReply): boolean {
    if (req.headers['tus-resumable'] === TUS_VERSION) return true;
    void reply.code(412).header('Tus-Version', TUS_VERSION).header('Tus-Resumable', TUS_VERSION).send();
    return false;
  }

  @Options(':id/files/tus')
  @RequirePermission('files.write')
  @RawResponse()
  @ApiNoBodyResponse(204, 'What this server supports', {
    'Tus-Version': { schema: { type: 'string' } },
    'Tus-Extension': { schema: { type: 'string' } },
    'Tus-Max-Size': { schema: { type: 'integer' }, description: "The server's disk quota in bytes, when it has one" },
  })
  async options(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply) {
    const server = await this.files.server(domainId, id);
    const quota = this.files.quotaBytes(server);
    tusHeaders(reply).header('Tus-Version', TUS_VERSION).header('Tus-Extension', TUS_EXTENSIONS);
    if (quota > 0) reply.header('Tus-Max-Size', String(quota));
    return reply.code(204).send();
  }

  @Post(':id/files/tus')
  @RequirePermission('files.write')
  @RawResponse()
  @ApiHeader({ name: 'Upload-Length', required: true })
  @ApiHeader({ name: 'Upload-Metadata', description: 'filename <base64>,path <base64 directory>' })
  @ApiHeader({ name: 'Tus-Resumable', required: true, example: TUS_VERSION })
  @ApiNoBodyResponse(201, 'Upload created', {
    Location: { schema: { type: 'string' }, description: 'URL of the upload, for HEAD, PATCH and DELETE' },
    'Upload-Offset': { schema: { type: 'integer' } },
  })
  @ApiPreconditionFailedResponse({ description: 'Tus-Resumable is not 1.0.0' })
  async create(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.files.server(domainId, id);
    tusHeaders(reply);
    if (!this.version(req, reply)) return;
    if (req.headers['upload-defer-length'] !== undefined) throw AppError.badRequest('Upload-Defer-Length is not supported: send Upload-Length');
    const length = count(req.headers['upload-length'], 'Upload-Length');
    const userId = auth.principal.kind === 'user' ? auth.principal.userId : null;
    const meta = req.headers['upload-metadata'];
    const upload = await this.tus.create(domainId, id, userId, length, typeof meta === 'string' ? meta : undefined);
    return reply.code(201).header('Location', `/gameserver/${id}/files/tus/${upload.id}`).header('Upload-Offset', String(upload.offset)).send();
  }

  @Head(':id/files/tus/:uploadId')
  @RequirePermission('files.write')
  @RawResponse()
  @ApiNoBodyResponse(200, 'How far the upload has come', { 'Upload-Offset': { schema: { type: 'integer' } }, 'Upload-Length': { schema: { type: 'integer' } } })
  @ApiPreconditionFailedResponse({ description: 'Tus-Resumable is not 1.0.0' })
  async head(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Param('uploadId', ParseUUIDPipe) uploadId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.files.server(domainId, id);
    tusHeaders(reply);
    if (!this.version(req, reply)) return;
    const s = await this.tus.state(domainId, id, uploadId);
    return reply.code(200).header('Upload-Offset', String(s.offset)).header('Upload-Length', String(s.length)).send();
  }

  @Patch(':id/files/tus/:uploadId')
  @NotAudited('one chunk of an upload; its creation is audited as files.upload')
  @RequirePermission('files.write')
  @RawResponse()
  @ApiConsumes('application/offset+octet-stream')
  @ApiHeader({ name: 'Upload-Offset', required: true })
  @ApiNoBodyResponse(204, 'Chunk stored', { 'Upload-Offset': { schema: { type: 'integer' }, description: 'The new offset' } })
  @ApiPreconditionFailedResponse({ description: 'Tus-Resumable is not 1.0.0' })
  async patch(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Param('uploadId', ParseUUIDPipe) uploadId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.files.server(domainId, id);
    tusHeaders(reply);
    if (!this.version(req, reply)) return;
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (type !== 'application/offset+octet-stream') {
      throw new AppError(ErrorCode.UnsupportedMediaTypeError, 'PATCH needs Content-Type: application/offset+octet-stream');
    }
    const offset = count(req.headers['upload-offset'], 'Upload-Offset');
    const length = req.headers['content-length'] === undefined ? undefined : count(req.headers['content-length'], 'Content-Length');
    const body: Readable = rawBodyOf(req);
    try {
      const s = await this.tus.append(domainId, id, uploadId, offset, length, body);
      return reply.code(204).header('Upload-Offset', String(s.offset)).send();
    } catch (err) {
      if (!(await drainBody(body))) reply.header('connection', 'close');
      throw err;
    }
  }

  /** TUS termination: drops the partial upload. */
  @Delete(':id/files/tus/:uploadId')
  @RequirePermission('files.write')
  @RawResponse()
  @ApiNoBodyResponse(204, 'Upload dropped')
  @ApiPreconditionFailedResponse({ description: 'Tus-Resumable is not 1.0.0' })
  async terminate(
    @CurrentDomain() domainId: DomainId,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('uploadId', ParseUUIDPipe) uploadId: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.files.server(domainId, id);
    tusHeaders(reply);
    if (!this.version(req, reply)) return;
    await this.tus.terminate(domainId, id, uploadId);
    return reply.code(204).send();
  }
}
