import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, QueryFailedError, Repository } from 'typeorm';
import { DomainId, isUuid } from '@libs/tenancy/domain-id';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { AppError } from '../../core/errors/app-error';
import { GitDeploy, GitSync, WebhookEvent, WebhookToken } from './entities/deploy.entity';

/** Syncs kept per server; webhook events kept per token. */
export const KEEP_SYNCS = 100;
export const KEEP_EVENTS = 200;
/** Refused calls kept per token, apart from the accepted/ignored ones. */
export const KEEP_REFUSED = 20;

const isUniqueViolation = (err: unknown, constraint: string) =>
  err instanceof QueryFailedError &&
  (err.driverError as { code?: string; constraint?: string } | undefined)?.code === '23505' &&
  (err.driverError as { constraint?: string }).constraint === constraint;

@Injectable()
export class GitDeployRepository extends ScopedRepository<GitDeploy> {
  constructor(@InjectRepository(GitDeploy) repo: Repository<GitDeploy>) {
    super(repo);
  }

  findByServer(domainId: DomainId, serverId: string): Promise<GitDeploy | null> {
    return this.findOne(domainId, { serverId });
  }

  /** With the sealed token (for the sync only). */
  findWithToken(domainId: DomainId, serverId: string): Promise<GitDeploy | null> {
    return this.queryBuilder(domainId, 'g').addSelect('g.tokenSealed').andWhere('g."serverId" = :serverId', { serverId }).getOne();
  }

  /** Configurations of the domain that webhook pushes may sync. */
  autoDeploys(domainId: DomainId): Promise<GitDeploy[]> {
    return this.queryBuilder(domainId, 'g').andWhere('g."autoDeploy"').getMany();
  }

  async markSynced(domainId: DomainId, serverId: string, commit: string): Promise<void> {
    await this.queryBuilder(domainId, 'g')
      .update(GitDeploy)
      .set({ lastCommit: commit, lastSyncAt: () => 'now()' })
      .where('"domainId" = :d AND "serverId" = :s', { d: domainId, s: serverId })
      .execute();
  }
}

@Injectable()
export class GitSyncRepository extends ScopedRepository<GitSync> {
  constructor(@InjectRepository(GitSync) repo: Repository<GitSync>) {
    super(repo);
  }

  /** A new running sync; 409 when the server already has one (partial unique index, any process). */
  async insertRunning(domainId: DomainId, values: DeepPartial<GitSync>): Promise<GitSync> {
    try {
      return await this.insert(domainId, { ...values, status: 'running' });
    } catch (err) {
      if (isUniqueViolation(err, 'git_sync_one_running')) throw AppError.conflict('A sync of this server is already running; wait for it to finish');
      throw err;
    }
  }

  /** A running sync older than `olderThanMs` was left by a process that died: fail it so the server can sync again. */
  async failStale(domainId: DomainId, serverId: string, olderThanMs: number, message: string): Promise<void> {
    await this.queryBuilder(domainId, 's')
      .update(GitSync)
      .set({ status: 'failed', error: message, finishedAt: () => 'now()' })
      .where(`"domainId" = :d AND "serverId" = :s AND status = 'running' AND "startedAt" < now() - make_interval(secs => :secs)`, {
        d: domainId,
        s: serverId,
        secs: Math.ceil(olderThanMs / 1000),
      })
      .execute();
  }

  async finish(domainId: DomainId, id: string, patch: DeepPartial<GitSync>): Promise<void> {
    await this.queryBuilder(domainId, 's')
      .update(GitSync)
      .set({ ...patch, finishedAt: () => 'now()' })
      .where(`"domainId" = :d AND id = :id AND status = 'running'`, { d: domainId, id })
      .execute();
  }

  latest(domainId: DomainId, serverId: string, limit: number): Promise<GitSync[]> {
    return this.queryBuilder(domainId, 's').andWhere('s."serverId" = :serverId', { serverId }).orderBy('s."startedAt"', 'DESC').addOrderBy('s.id', 'DESC').limit(limit).getMany();
  }

  /** Keeps the newest KEEP_SYNCS of the server (and every running one). */
  async prune(domainId: DomainId, serverId: string): Promise<void> {
    await this.queryBuilder(domainId, 's')
      .delete()
      .from(GitSync)
      .where(
        `"domainId" = :d AND "serverId" = :s AND status <> 'running' AND id NOT IN (SELECT id FROM git_sync WHERE "domainId" = :d AND "serverId" = :s ORDER BY "startedAt" DESC, id DESC LIMIT :keep)`,
        { d: domainId, s: serverId, keep: KEEP_SYNCS },
      )
      .execute();
  }
}

@Injectable()
export class WebhookTokenRepository extends ScopedRepository<WebhookToken> {
  constructor(@InjectRepository(WebhookToken) repo: Repository<WebhookToken>) {
    super(repo);
  }

  /** The token a webhook call names, with its sealed secret: looked up before any domain is known. */
  async findForWebhook(id: string): Promise<WebhookToken | null> {
    if (!isUuid(id)) return null;
    return this.crossDomain('credentialLookup').queryBuilder('w').addSelect('w.secretSealed').where('w.id = :id', { id }).getOne();
  }

  async touch(domainId: DomainId, id: string): Promise<void> {
    await this.queryBuilder(domainId, 'w')
      .update(WebhookToken)
      .set({ lastUsedAt: () => 'now()' })
      .where('"domainId" = :d AND id = :id', { d: domainId, id })
      .execute();
  }
}

@Injectable()
export class WebhookEventRepository extends ScopedRepository<WebhookEvent> {
  constructor(@InjectRepository(WebhookEvent) repo: Repository<WebhookEvent>) {
    super(repo);
  }

  latest(domainId: DomainId, tokenId: string, limit: number): Promise<WebhookEvent[]> {
    return this.queryBuilder(domainId, 'e').andWhere('e."tokenId" = :tokenId', { tokenId }).orderBy('e."createdAt"', 'DESC').addOrderBy('e.id', 'DESC').limit(limit).getMany();
  }

  /**
   * Keeps the newest KEEP_EVENTS accepted or ignored events of the token and, apart from them, the
   * newest KEEP_REFUSED refused ones: anyone who knows a token id can send refused calls, and they
   * must not push the real pushes out of the history.
   */
  async prune(domainId: DomainId, tokenId: string): Promise<void> {
    await this.queryBuilder(domainId, 'e')
      .delete()
      .from(WebhookEvent)
      .where(
        `"domainId" = :d AND "tokenId" = :t
         AND id NOT IN (SELECT id FROM webhook_event WHERE "domainId" = :d AND "tokenId" = :t AND outcome <> 'refused' ORDER BY "createdAt" DESC, id DESC LIMIT :keep)
         AND id NOT IN (SELECT id FROM webhook_event WHERE "domainId" = :d AND "tokenId" = :t AND outcome = 'refused' ORDER BY "createdAt" DESC, id DESC LIMIT :keepRefused)`,
        { d: domainId, t: tokenId, keep: KEEP_EVENTS, keepRefused: KEEP_REFUSED },
      )
      .execute();
  }
}
