import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { DomainId } from '@libs/tenancy/domain-id';
import { FileUpload } from './entities/file-upload.entity';

@Injectable()
export class FileUploadRepository extends ScopedRepository<FileUpload> {
  constructor(@InjectRepository(FileUpload) repo: Repository<FileUpload>) {
    super(repo);
  }

  /** Compare-and-set of the offset: only moves forward from what the caller read. */
  async moveOffset(domainId: DomainId, id: string, from: number, to: number): Promise<boolean> {
    const result = await this.queryBuilder(domainId, 'u')
      .update(FileUpload)
      .set({ offset: to, updatedAt: () => 'now()' })
      .where('"domainId" = :d AND id = :id AND "offset" = :from', { d: domainId, id, from })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
