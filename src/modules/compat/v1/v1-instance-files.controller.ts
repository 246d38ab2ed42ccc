import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiOperation, ApiParam, ApiPreconditionFailedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiBinaryResponse } from '../../../core/openapi/envelope-schema';
import { AppError } from '../../../core/errors/app-error';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../../auth/auth-context';
import { drainBody, sendDownload, uploadParts } from '../../files/http-streams';
import { FilesService } from '../../files/files.service';
import { UploadService } from '../../files/upload.service';
import { TUS_VERSION, TusService } from '../../files/tus.service';
import { V1TusUploadDTO } from './v1-tus.dto';
import { V1ErrorDTO } from './v1.dto';
import { V1Controller, V1NoContent, V1NotFound, V1Reply } from './v1.decorators';
import { V1FileContentDTO, V1FileEntryDTO, V1FileWriteInputDTO, V1MkdirInputDTO, V1MoveInputDTO, V1PathQueryDTO, V1RequiredPathQueryDTO, V1UploadedFileDTO } from './v1-instances.dto';
import { toFileEntry } from './v1-instances.mapping';

const ID = { name: 'id', format: 'uuid', description: 'The instance (an Outpost game server)' } as const;
const baseName = (p: string) => p.split('/').filter(Boolean).pop() ?? '';

/**
 * Seed 001's instance file endpoints over Outpost's file service: paths are relative to the
 * instance's data directory and confined to it by the node agent, exactly as on
 * /gameserver/:id/files (same permissions: files.read / files.write).
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1/instances')
export class V1InstanceFilesController {
  constructor(
    private readonly files: FilesService,
    private readonly uploads: UploadService,
    private readonly tus: TusService,
  ) {}

  @Get(':id/files')
  @ApiParam(ID)
  @RequirePermission('files.read')
  @ApiOperation({ summary: 'The entries of a directory (`?path=`, default the data directory)' })
  @V1Reply(V1FileEntryDTO, { isArray: true })
  @V1NotFound()
  async list(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() q: V1PathQueryDTO): Promise<V1FileEntryDTO[]> {
    return (await this.files.list(domainId, id, q.path ?? '')).map(toFileEntry);
  }

  @Get(':id/files/content')
  @ApiParam(ID)
  @RequirePermission('files.read')
  @ApiOperation({ summary: 'A text file (`?path=`; at most 8 MiB, larger ones answer 413: download them)' })
  @V1Reply(V1FileContentDTO)
  @V1NotFound()
  async read(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() q: V1RequiredPathQueryDTO): Promise<V1FileContentDTO> {
    return { path: q.path, content: (await this.files.read(domainId, id, q.path)).content };
  }

  @Put(':id/files/content')
  @ApiParam(ID)
  @HttpCode(204)
  @RequirePermission('files.write')
  @ApiOperation({ summary: 'Writes a text file `{ path, content }` (created or replaced)' })
  @V1NoContent('Written')
  @V1NotFound()
  async write(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: V1FileWriteInputDTO): Promise<void> {
    await this.files.write(domainId, id, body.path, body.content);
  }

  @Delete(':id/files')
  @ApiParam(ID)
  @HttpCode(204)
  @RequirePermission('files.write')
  @ApiOperation({ summary: 'Deletes a file or a directory with its content (`?path=`)' })
  @V1NoContent('Deleted')
  @V1NotFound()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() q: V1RequiredPathQueryDTO): Promise<void> {
    await this.files.delete(domainId, id, [q.path]);
  }

  @Get(':id/files/download')
  @ApiParam(ID)
  @RequirePermission('files.read')
  @ApiOperation({ summary: 'A file (`?path=`), streamed as an attachment' })
  @ApiBinaryResponse('application/octet-stream', 'The file, streamed as an attachment')
  @V1NotFound()
  async download(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() q: V1RequiredPathQueryDTO, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return sendDownload(reply, await this.files.push(domainId, id, [q.path], false), baseName(q.path) || 'download', 'application/octet-stream');
  }

  @Get(':id/files/download-zip')
  @ApiParam(ID)
  @RequirePermission('files.read')
  @ApiOperation({ summary: 'A directory (`?path=`, default the data directory) as a zip, streamed' })
  @ApiBinaryResponse('application/zip', 'A zip of the directory, streamed')
  @V1NotFound()
  async downloadZip(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() q: V1PathQueryDTO, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const path = q.path ?? '';
    return sendDownload(reply, await this.files.push(domainId, id, [path], true), `${baseName(path) || 'files'}.zip`, 'application/zip');
  }

  /** multipart/form-data; every file part is streamed to `<path>/<filename>` (`?path=` a directory). */
  @Post(':id/files/upload')
  @ApiParam(ID)
  @RequirePermission('files.write')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Uploads files (multipart) into the directory `?path=`' })
  @V1Reply(V1UploadedFileDTO, { status: 201, isArray: true })
  @V1NotFound()
  async upload(
    @CurrentDomain() domainId: DomainId,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: V1PathQueryDTO,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<V1UploadedFileDTO[]> {
    const declared = Number(req.headers['content-length']);
    try {
      const stored = await this.uploads.multipart(domainId, id, q.path ?? '', Number.isFinite(declared) ? declared : undefined, () => uploadParts(req));
      return stored.map((f) => ({ path: f.path, bytes: f.bytes }));
    } catch (err) {
      // Let the client finish sending (bounded) so it reads the error; past the bound, close.
      if (!(await drainBody(req.raw))) void reply.header('connection', 'close');
      throw err;
    }
  }

  /**
   * TUS 1.0.0 creation (Outpost's `POST /gameserver/:id/files/tus`, same service and permission).
   * Seed 001 defines no PATCH path, so `Location` is Outpost's native upload URL: HEAD, PATCH and
   * DELETE go there with the same token (their errors use Outpost's envelope).
   */
  @Post(':id/files/tus')
  @ApiParam(ID)
  @RequirePermission('files.write')
  @ApiHeader({ name: 'Tus-Resumable', required: true, example: TUS_VERSION })
  @ApiHeader({ name: 'Upload-Length', required: true, description: 'The size of the whole file in bytes' })
  @ApiHeader({ name: 'Upload-Metadata', description: 'TUS metadata: `filename <base64>,path <base64 directory>`' })
  @ApiOperation({ summary: 'Creates a resumable (TUS) upload; send the chunks to the `Location` it answers' })
  @V1Reply(V1TusUploadDTO, { status: 201, description: 'Created; also as TUS headers: Location, Upload-Offset, Tus-Resumable' })
  @ApiPreconditionFailedResponse({ type: V1ErrorDTO, description: 'Tus-Resumable is not 1.0.0 (Tus-Version says which is)' })
  @V1NotFound()
  async tusCreate(
    @CurrentAuth() auth: RequestAuth,
    @CurrentDomain() domainId: DomainId,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.files.server(domainId, id);
    void reply.header('Tus-Resumable', TUS_VERSION).header('Cache-Control', 'no-store');
    if (req.headers['tus-resumable'] !== TUS_VERSION)
      return reply
        .code(412)
        .header('Tus-Version', TUS_VERSION)
        .send({ error: `Tus-Resumable must be ${TUS_VERSION}` });
    if (req.headers['upload-defer-length'] !== undefined) throw AppError.badRequest('Upload-Defer-Length is not supported: send Upload-Length');
    const raw = req.headers['upload-length'];
    if (typeof raw !== 'string' || !/^\d{1,16}$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw AppError.badRequest('Upload-Length must be a non-negative integer');
    const meta = req.headers['upload-metadata'];
    const userId = auth.principal.kind === 'user' ? auth.principal.userId : null;
    const upload = await this.tus.create(domainId, id, userId, Number(raw), typeof meta === 'string' ? meta : undefined);
    const location = `/gameserver/${id}/files/tus/${upload.id}`;
    const body: V1TusUploadDTO = { id: upload.id, location, path: upload.targetPath, upload_offset: upload.offset, upload_length: upload.length };
    return reply.code(201).header('Location', location).header('Upload-Offset', String(upload.offset)).send(body);
  }

  @Post(':id/files/mkdir')
  @ApiParam(ID)
  @HttpCode(204)
  @RequirePermission('files.write')
  @ApiOperation({ summary: 'Creates a directory `{ path }`' })
  @V1NoContent('Created')
  @V1NotFound()
  async mkdir(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: V1MkdirInputDTO): Promise<void> {
    await this.files.mkdir(domainId, id, body.path);
  }

  @Post(':id/files/move')
  @ApiParam(ID)
  @HttpCode(204)
  @RequirePermission('files.write')
  @ApiOperation({ summary: 'Moves or renames `{ from, to, overwrite? }`' })
  @V1NoContent('Moved')
  @V1NotFound()
  async move(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: V1MoveInputDTO): Promise<void> {
    await this.files.rename(domainId, id, body.from, body.to, body.overwrite);
  }
}
