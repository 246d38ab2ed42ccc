import { Body, Controller, Delete, Get, Head, HttpCode, Options, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiPreconditionFailedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import { RawResponse } from '../../core/http/envelope';
import { ApiBinaryResponse, ApiEmptyEnvelope, ApiEnvelope, ApiNoBodyResponse } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../auth/auth-context';
import { drainBody, rawBodyOf, sendDownload, uploadParts } from './http-streams';
import {
  ChmodDTO,
  CompressDTO,
  CopyDTO,
  DecompressDTO,
  DecompressResultDTO,
  DiskUsageDTO,
  FileContentDTO,
  FileEntryDTO,
  MkdirDTO,
  PathQueryDTO,
  PathsDTO,
  PathsQueryDTO,
  RenameDTO,
  RequiredPathQueryDTO,
  UploadedFileDTO,
  WriteContentDTO,
} from './dto/files.dto';
import { FilesService } from './files.service';
import { TUS_EXTENSIONS, TUS_VERSION, TusService } from './tus.service';
import { UploadService } from './upload.service';

const baseName = (p: string) => p.split('/').filter(Boolean).pop() ?? '';

/** Files of a game server's data directory (through the server's node agent). */
@ApiTags('files')
@ApiBearerAuth()
@Controller('gameserver')
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly uploads: UploadService,
  ) {}

  @Get(':id/files')
  @RequirePermission('files.read')
  @ApiEnvelope(FileEntryDTO, { isArray: true })
  list(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() q: PathQueryDTO) {
    return this.files.list(domainId, id, q.path ?? '');
  }

  @Get(':id/files/stat')
  @RequirePermission('files.read')
  @ApiEnvelope(FileEntryDTO)
  stat(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() q: RequiredPathQueryDTO) {
    return this.files.stat(domainId, id, q.path);
  }

  /** Text content for the editor (at most 8 MiB; larger files answer 413 — download them). */
  @Get(':id/files/content')
  @RequirePermission('files.read')
  @ApiEnvelope(FileContentDTO)
  read(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() q: RequiredPathQueryDTO) {
    return this.files.read(domainId, id, q.path);
  }

  @Put(':id/files/content')
  @RequirePermission('files.write')
  @ApiEmptyEnvelope()
  async write(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: WriteContentDTO) {
    await this.files.write(domainId, id, body.path, body.content);
    return null;
  }

  @Delete(':id/files')
  @RequirePermission('files.write')
  @ApiEmptyEnvelope()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: PathsDTO) {
    await this.files.delete(domainId, id, body.paths);
    return null;
  }

  @Post(':id/files/mkdir')
  @HttpCode(200)
  @RequirePermission('files.write')
  @ApiEmptyEnvelope()
  async mkdir(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: MkdirDTO) {
    await this.files.mkdir(domainId, id, body.path);
    return null;
  }

  /** Rename or move. */
  @Post(':id/files/rename')
  @HttpCode(200)
  @RequirePermission('files.write')
  @ApiEmptyEnvelope()
  async rename(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: RenameDTO) {
    await this.files.rename(domainId, id, body.from, body.to, body.overwrite);
    return null;
  }

  @Post(':id/files/copy')
  @HttpCode(200)
  @RequirePermission('files.write')
  @ApiEmptyEnvelope()
  async copy(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: CopyDTO) {
    await this.files.copy(domainId, id, body.from, body.to, body.overwrite);
    return null;
  }

  @Post(':id/files/chmod')
  @HttpCode(200)
  @RequirePermission('files.write')
  @ApiEmptyEnvelope()
  async chmod(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: ChmodDTO) {
    await this.files.chmod(domainId, id, body.path, body.mode);
    return null;
  }

  @Post(':id/files/compress')
  @HttpCode(200)
  @RequirePermission('files.write')
  @ApiEmptyEnvelope()
  async compress(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: CompressDTO) {
    await this.files.compress(domainId, id, body.paths, body.destination, body.format);
    return null;
  }

  @Post(':id/files/decompress')
  @HttpCode(200)
  @RequirePermission('files.write')
  @ApiEnvelope(DecompressResultDTO)
  decompress(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: DecompressDTO) {
    return this.files.decompress(domainId, id, body.archive, body.destination ?? '');
  }

  @Get(':id/files/usage')
  @RequirePermission('files.read')
  @ApiEnvelope(DiskUsageDTO)
  usage(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.files.usage(domainId, id);
  }

  // ───────────── streamed transfers ─────────────

  @Get(':id/files/download')
  @RequirePermission('files.read')
  @RawResponse()
  @ApiBinaryResponse('application/octet-stream', 'The file, streamed as an attachment')
  async download(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() q: RequiredPathQueryDTO, @Res() reply: FastifyReply) {
    const arrival = await this.files.push(domainId, id, [q.path], false);
    return sendDownload(reply, arrival, baseName(q.path) || 'download', 'application/octet-stream');
  }

  @Get(':id/files/download-zip')
  @RequirePermission('files.read')
  @RawResponse()
  @ApiBinaryResponse('application/zip', 'A zip of the given files and directories, streamed')
  async downloadZip(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() q: PathsQueryDTO, @Res() reply: FastifyReply) {
    const arrival = await this.files.push(domainId, id, q.paths, true);
    return sendDownload(reply, arrival, zipName(q.paths), 'application/zip');
  }

  @Post(':id/files/download-zip')
  @HttpCode(200)
  @RequirePermission('files.read')
  @RawResponse()
  @ApiBinaryResponse('application/zip', 'A zip of the given files and directories, streamed')
  async downloadZipPost(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: PathsDTO, @Res() reply: FastifyReply) {
    const arrival = await this.files.push(domainId, id, body.paths, true);
    return sendDownload(reply, arrival, zipName(body.paths), 'application/zip');
  }

  /** multipart/form-data; every file part is streamed to `<path>/<filename>` (path = a directory). */
  @Post(':id/files/upload')
  @RequirePermission('files.write')
  @ApiConsumes('multipart/form-data')
  @ApiEnvelope(UploadedFileDTO, { isArray: true, status: 201 })
  async upload(
    @CurrentDomain() domainId: DomainId,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PathQueryDTO,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const declared = Number(req.headers['content-length']);
    try {
      return await this.uploads.multipart(domainId, id, q.path ?? '', Number.isFinite(declared) ? declared : undefined, () => uploadParts(req));
    } catch (err) {
      // Let the client finish sending (bounded) so it reads the error; past the bound, close.
      if (!(await drainBody(req.raw))) reply.header('connection', 'close');
      throw err;
    }
  }
}

function zipName(paths: string[]): string {
  return paths.length === 1 && baseName(paths[0]) ? `${baseName(paths[0])}.zip` : 'files.zip';
}

// ───────────── TUS ─────────────

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
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
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
  async terminate(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Param('uploadId', ParseUUIDPipe) uploadId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.files.server(domainId, id);
    tusHeaders(reply);
    if (!this.version(req, reply)) return;
    await this.tus.terminate(domainId, id, uploadId);
    return reply.code(204).send();
  }
}
