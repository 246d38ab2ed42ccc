import { Injectable } from '@nestjs/common';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import { agentCode, FilesService, joinPath, sanePath } from './files.service';
import type { UploadPart } from './http-streams';

/** Multipart uploads: each file part streams through to the agent as it arrives. */
@Injectable()
export class UploadService {
  constructor(private readonly files: FilesService) {}

  async multipart(domainId: DomainId, id: string, dir: string, declaredBytes: number | undefined, parts: () => AsyncIterable<UploadPart>) {
    const server = await this.files.server(domainId, id);
    // The whole request is at least as big as its files: refuse early when it cannot fit.
    if (declaredBytes !== undefined) await this.files.assertRoom(server, Math.max(0, declaredBytes - 64 * 1024));
    const done: Array<{ path: string; bytes: number }> = [];
    for await (const part of parts()) {
      if (!part.filename) {
        part.file.resume();
        continue;
      }
      const path = sanePath(joinPath(dir, part.filename), 'filename');
      try {
        const r = await this.files.pull(server, path, part.file);
        done.push({ path, bytes: r.bytes });
      } catch (err) {
        const clientSide = part.error();
        if (clientSide && agentCode(err) !== 'quota_exceeded' && agentCode(err) !== 'path_unsafe') {
          throw new AppError(ErrorCode.BadRequestError, `Upload of ${part.filename} failed: ${clientSide.message}`);
        }
        if (agentCode(err) === 'quota_exceeded') throw this.files.quotaError(this.files.quotaBytes(server));
        throw err;
      }
    }
    if (done.length === 0) throw AppError.badRequest('No file parts in the upload');
    return done;
  }
}
