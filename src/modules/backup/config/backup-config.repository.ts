import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { DomainId, isUuid } from '@libs/tenancy/domain-id';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { BackupConfig } from './entities/backup-config.entity';

/** A row with its sealed credentials (never leaves the service). */
export type BackupConfigWithSecrets = BackupConfig & { accessKeyIdSealed: string | null; secretAccessKeySealed: string | null };

@Injectable()
export class BackupConfigRepository extends ScopedRepository<BackupConfig> {
  constructor(@InjectRepository(BackupConfig) repo: Repository<BackupConfig>) {
    super(repo);
  }

  findActive(domainId: DomainId): Promise<BackupConfig | null> {
    return this.findOne(domainId, { active: true });
  }

  /** The row including its sealed credentials (columns that are not selected by default). */
  findWithSecrets(domainId: DomainId, id: string): Promise<BackupConfigWithSecrets | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.queryBuilder(domainId, 'c').addSelect(['c.accessKeyIdSealed', 'c.secretAccessKeySealed']).andWhere('c.id = :id', { id }).getOne() as Promise<BackupConfigWithSecrets | null>;
  }

  /**
   * Patches the row only while no backup refers to it, in one statement (the archives of existing
   * backups are found through the config's endpoint, bucket and prefix). False when a backup
   * refers to it or the row is not there.
   */
  async updateUnreferenced(domainId: DomainId, id: string, patch: DeepPartial<BackupConfig>): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.queryBuilder(domainId, 'c')
      .update(BackupConfig)
      .set(patch)
      .where('"domainId" = :d AND id = :id AND NOT EXISTS (SELECT 1 FROM backup b WHERE b."configId" = backup_config.id)', { d: domainId, id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Makes `id` the domain's one active configuration (a switch: the previous one is deactivated
   * first, because the partial unique index `backup_config_one_active` is checked row by row).
   * A concurrent activation of another row makes the last write fail with a unique violation
   * (409) rather than leave two active. Returns the activated row, or null when there is none.
   */
  async activate(domainId: DomainId, id: string): Promise<BackupConfig | null> {
    const target = await this.findById(domainId, id);
    if (!target) return null;
    for (const other of await this.find(domainId, { active: true })) if (other.id !== id) await this.update(domainId, other.id, { active: false });
    return target.active ? target : this.update(domainId, id, { active: true });
  }
}
