import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainId } from '@libs/tenancy/domain-id';
import { RawResponse } from '../../core/http/envelope';
import { ApiBinaryResponse, ApiEmptyEnvelope, ApiEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentDomain, RequirePermission } from '../auth/auth-context';
import { drainBody, sendDownload, uploadParts } from './http-streams';
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
  async upload(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Query() q: PathQueryDTO, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
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
