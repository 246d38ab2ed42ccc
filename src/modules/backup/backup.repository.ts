import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, QueryFailedError, Repository } from 'typeorm';
import { DomainId, isUuid } from '@libs/tenancy/domain-id';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { AppError } from '../../core/errors/app-error';
import { Backup, BackupDownload, BackupPurge, BackupState } from './entities/backup.entity';

/** A raw row (UPDATE … RETURNING) as an entity: pg returns bigint as a string. */
const normalize = (r: Backup): DeepPartial<Backup> => ({ ...r, sizeBytes: r.sizeBytes === null || r.sizeBytes === undefined ? null : Number(r.sizeBytes) });

const isUniqueViolation = (err: unknown, constraint: string) =>
  err instanceof QueryFailedError &&
  (err.driverError as { code?: string; constraint?: string } | undefined)?.code === '23505' &&
  (err.driverError as { constraint?: string }).constraint === constraint;

@Injectable()
export class BackupRepository extends ScopedRepository<Backup> {
  constructor(@InjectRepository(Backup) repo: Repository<Backup>) {
    super(repo);
  }

  /** A new `creating` row; 409 when the server already has one being created (partial unique index). */
  async insertCreating(domainId: DomainId, values: DeepPartial<Backup>): Promise<Backup> {
    try {
      return await this.insert(domainId, { ...values, state: 'creating' });
    } catch (err) {
      if (isUniqueViolation(err, 'backup_one_creating')) throw AppError.conflict('A backup of this server is already being created; wait for it to finish');
      throw err;
    }
  }

  /** Backups that count against the per-server limit (being created or completed). */
  countHeld(domainId: DomainId, gameserverId: string): Promise<number> {
    return this.queryBuilder(domainId, 'b')
      .andWhere('b."gameserverId" = :gameserverId AND b.state IN (:...states)', { gameserverId, states: ['creating', 'completed'] })
      .getCount();
  }

  /** Compare-and-set: patches the row only while it matches `when` (e.g. still `creating`); the updated row or null. */
  async updateWhen(domainId: DomainId, id: string, when: string, params: Record<string, unknown>, patch: DeepPartial<Backup>): Promise<Backup | null> {
    if (!isUuid(id)) return null;
    const result = await this.queryBuilder(domainId, 'b')
      .update(Backup)
      .set(patch)
      .where(`"domainId" = :d AND id = :id AND (${when})`, { ...params, d: domainId, id })
      .returning('*')
      .execute();
    const row = (result.raw as Backup[])[0];
    return row ? this.entityFrom(normalize(row)) : null;
  }

  /**
   * Claims a completed backup for a restore (compare-and-set on the row); the partial unique index
   * `backup_one_restoring` makes a second restore of the same server a 409, whichever process
   * claims it. Null when the row no longer matches.
   */
  async claimRestore(domainId: DomainId, id: string, leaseUntil: Date): Promise<Backup | null> {
    try {
      return await this.updateWhen(
        domainId,
        id,
        'state = :s AND "restoreState" IS DISTINCT FROM :r',
        { s: 'completed', r: 'restoring' },
        { restoreState: 'restoring', restoreError: null, leaseUntil },
      );
    } catch (err) {
      if (isUniqueViolation(err, 'backup_one_restoring')) throw AppError.conflict('A restore is already running for this server; wait for it to finish');
      throw err;
    }
  }

  /**
   * Claims a backup for deletion in one statement: only when it is not locked, not being created,
   * restored or deleted (by hand or by retention), and still in the state the caller read (so it
   * can be put back if the archive cannot be removed). It is then `failed` with `error` =
   * DELETING and a lease (a claim whose process died can be taken again once the lease expires).
   */
  claimDelete(domainId: DomainId, id: string, readState: BackupState, leaseUntil: Date, error: string): Promise<Backup | null> {
    return this.updateWhen(
      domainId,
      id,
      `state = :read AND state IN ('completed', 'failed') AND NOT locked AND "restoreState" IS DISTINCT FROM 'restoring' AND ("leaseUntil" IS NULL OR "leaseUntil" < now())`,
      { read: readState },
      { state: 'failed', error, leaseUntil },
    );
  }

  /** Extends the lease of work this process is doing. */
  async renewLease(domainId: DomainId, id: string, until: Date): Promise<void> {
    await this.queryBuilder(domainId, 'b').update(Backup).set({ leaseUntil: until }).where('"domainId" = :d AND id = :id AND "leaseUntil" IS NOT NULL', { d: domainId, id }).execute();
  }

  /** Completed, unlocked backups of a server, newest first: what retention may delete. */
  retentionCandidates(domainId: DomainId, gameserverId: string): Promise<Backup[]> {
    return this.queryBuilder(domainId, 'b')
      .andWhere('b."gameserverId" = :gameserverId AND b.state = :state AND NOT b.locked', { gameserverId, state: 'completed' })
      .orderBy('b."createdAt"', 'DESC')
      .addOrderBy('b.id', 'DESC')
      .getMany();
  }

  /**
   * Work whose process stopped renewing its lease (killed, lost its database): creating → failed,
   * restoring → failed, in one statement per kind across domains; the rows come back for cleanup.
   */
  async sweepExpiredCreates(message: string): Promise<Backup[]> {
    const rows = await this.crossDomain('leaseSweep').query<[Backup[], number]>(
      `UPDATE backup SET state = 'failed', error = $1, "leaseUntil" = NULL, "completedAt" = now()
        WHERE state = 'creating' AND "leaseUntil" < now() RETURNING *`,
      [message],
    );
    return rows[0].map((r) => this.entityFrom(normalize(r)));
  }

  async sweepExpiredRestores(message: string): Promise<Backup[]> {
    const rows = await this.crossDomain('leaseSweep').query<[Backup[], number]>(
      `UPDATE backup SET "restoreState" = 'failed', "restoreError" = $1, "leaseUntil" = NULL
        WHERE "restoreState" = 'restoring' AND "leaseUntil" < now() RETURNING *`,
      [message],
    );
    return rows[0].map((r) => this.entityFrom(normalize(r)));
  }
}

@Injectable()
export class BackupDownloadRepository extends ScopedRepository<BackupDownload> {
  constructor(@InjectRepository(BackupDownload) repo: Repository<BackupDownload>) {
    super(repo);
  }

  /**
   * Redeems a link: marks it used in the same statement that checks it is unused and unexpired,
   * so two requests (in any processes) cannot both get it. The token is presented before any
   * domain is known; the row it finds scopes the rest.
   */
  async redeem(tokenHash: string): Promise<BackupDownload | null> {
    const rows = await this.crossDomain('credentialLookup').query<[BackupDownload[], number]>(
      `UPDATE backup_download SET "usedAt" = now() WHERE "tokenHash" = $1 AND "usedAt" IS NULL AND "expiresAt" > now() RETURNING id, "domainId", "backupId", "expiresAt", "usedAt", "createdAt", "createdByType", "createdBy"`,
      [tokenHash],
    );
    const row = rows[0][0];
    return row ? this.entityFrom(row) : null;
  }
}

@Injectable()
export class BackupPurgeRepository extends ScopedRepository<BackupPurge> {
  constructor(@InjectRepository(BackupPurge) repo: Repository<BackupPurge>) {
    super(repo);
  }

  /** Archives left by deleted servers, oldest first (any domain: the sweeper serves them all). */
  async pending(limit: number): Promise<BackupPurge[]> {
    const rows = await this.crossDomain('leaseSweep').query<BackupPurge[]>(`SELECT * FROM backup_purge ORDER BY "createdAt" LIMIT $1`, [limit]);
    return rows.map((r) => this.entityFrom(r));
  }

  async done(id: string): Promise<void> {
    await this.crossDomain('leaseSweep').query(`DELETE FROM backup_purge WHERE id = $1`, [id]);
  }

  /** One more failed attempt; rows past `maxAttempts` are dropped (the archive is then left behind, logged). */
  async failed(id: string, maxAttempts: number): Promise<boolean> {
    const rows = await this.crossDomain('leaseSweep').query<[Array<{ attempts: number }>, number]>(`UPDATE backup_purge SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts`, [id]);
    const attempts = rows[0][0]?.attempts ?? 0;
    if (attempts >= maxAttempts) await this.done(id);
    return attempts >= maxAttempts;
  }
}
