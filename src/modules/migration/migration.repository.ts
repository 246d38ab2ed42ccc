import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, LessThan, QueryFailedError, Repository } from 'typeorm';
import { DomainId } from '@libs/tenancy/domain-id';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { ImportKind, PterodactylImport } from './entities/pterodactyl-import.entity';

/** A claim (row without target) older than this belongs to an import that died: it may be taken over. */
const STALE_CLAIM_MS = 10 * 60 * 1000;

const isUniqueViolation = (err: unknown) => err instanceof QueryFailedError && (err.driverError as { code?: string; constraint?: string } | undefined)?.constraint === 'pterodactyl_import_once';

@Injectable()
export class PterodactylImportRepository extends ScopedRepository<PterodactylImport> {
  constructor(@InjectRepository(PterodactylImport) repo: Repository<PterodactylImport>) {
    super(repo);
  }

  findBySource(domainId: DomainId, kind: ImportKind, sourceUuid: string): Promise<PterodactylImport | null> {
    return this.findOne(domainId, { kind, sourceUuid });
  }

  /** Rows of these panel servers in this domain (claims included). */
  servers(domainId: DomainId, sourceUuids: string[]): Promise<PterodactylImport[]> {
    if (!sourceUuids.length) return Promise.resolve([]);
    return this.find(domainId, { kind: 'server', sourceUuid: In(sourceUuids) });
  }

  /**
   * Claims the import of one egg or server: the new row, or null when this domain already has one
   * (imported, or an import under way). A claim left by an import that died is taken over.
   */
  async claim(domainId: DomainId, values: { kind: ImportKind; panelUrl: string; sourceId: number; sourceUuid: string }): Promise<PterodactylImport | null> {
    await this.deleteWhere(domainId, { kind: values.kind, sourceUuid: values.sourceUuid, workloadId: IsNull(), gameserverId: IsNull(), createdAt: LessThan(new Date(Date.now() - STALE_CLAIM_MS)) });
    try {
      return await this.insert(domainId, { ...values, workloadId: null, gameserverId: null });
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  async complete(domainId: DomainId, id: string, target: { workloadId: string } | { gameserverId: string }): Promise<void> {
    await this.update(domainId, id, target);
  }

  async release(domainId: DomainId, id: string): Promise<void> {
    await this.delete(domainId, id);
  }
}
