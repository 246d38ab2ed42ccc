import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { DomainId } from '@libs/tenancy/domain-id';
import { isUuid } from '@libs/tenancy/domain-id';
import { User } from './entities/user.entity';

/**
 * Users are instance-wide. Domain admins only ever reach them through `inDomain`, which
 * joins the membership of the request's domain.
 */
@Injectable()
export class UserRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  count(): Promise<number> {
    return this.repo.count();
  }

  findById(id: string): Promise<User | null> {
    return isUuid(id) ? this.repo.findOne({ where: { id } }) : Promise.resolve(null);
  }

  /**
   * The fields authentication needs, in one plain query (it runs on every request). A suspended
   * account has no principal: every access token, API token and console socket of it stops at once,
   * and works again when it is unsuspended (nothing was revoked).
   */
  async principalById(id: string): Promise<{ id: string; username: string; isInstanceAdmin: boolean } | null> {
    if (!isUuid(id)) return null;
    const rows = await this.repo.query<{ id: string; username: string; isInstanceAdmin: boolean }[]>('SELECT id, username, "isInstanceAdmin" FROM "user" WHERE id = $1 AND "suspendedAt" IS NULL', [
      id,
    ]);
    return rows[0] ?? null;
  }

  /** Suspends or unsuspends (at = null) the account; false when it is gone. */
  async setSuspended(id: string, at: Date | null, reason: string | null, manager: EntityManager = this.repo.manager): Promise<boolean> {
    const r = await manager.getRepository(User).update({ id }, { suspendedAt: at, suspendedReason: at ? reason : null });
    return (r.affected ?? 0) > 0;
  }

  /** Instance administrators whose account is not suspended, other than `exceptId`. */
  countActiveInstanceAdmins(exceptId: string, manager: EntityManager = this.repo.manager): Promise<number> {
    return manager.getRepository(User).createQueryBuilder('u').where('u."isInstanceAdmin" AND u."suspendedAt" IS NULL AND u.id <> :exceptId', { exceptId }).getCount();
  }

  /** Username or email, case-insensitive, with the password hash (login only). */
  findForLogin(login: string): Promise<User | null> {
    return this.repo
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.mfaSecret', 'u.mfaRecoveryCodes'])
      .where('lower(u.username) = lower(:login) OR lower(u.email) = lower(:login)', { login })
      .getOne();
  }

  findWithSecrets(id: string): Promise<User | null> {
    return this.repo.createQueryBuilder('u').addSelect(['u.passwordHash', 'u.mfaSecret', 'u.mfaRecoveryCodes']).where('u.id = :id', { id }).getOne();
  }

  /** Spends a TOTP time step; false when that step (or a later one) was already used — a replay. */
  async claimMfaStep(id: string, step: number): Promise<boolean> {
    const [, affected] = await this.repo.query<[unknown[], number]>('UPDATE "user" SET "mfaLastStep" = $2 WHERE id = $1 AND ("mfaLastStep" IS NULL OR "mfaLastStep" < $2)', [id, step]);
    return affected > 0;
  }

  /** Spends a recovery code (by its stored hash); false when another request spent it first. */
  async claimRecoveryCode(id: string, hashed: string): Promise<boolean> {
    const [, affected] = await this.repo.query<[unknown[], number]>('UPDATE "user" SET "mfaRecoveryCodes" = array_remove("mfaRecoveryCodes", $2) WHERE id = $1 AND $2 = ANY("mfaRecoveryCodes")', [
      id,
      hashed,
    ]);
    return affected > 0;
  }

  findByUsernameOrEmail(username: string, email: string): Promise<User | null> {
    return this.repo.createQueryBuilder('u').where('lower(u.username) = lower(:username) OR lower(u.email) = lower(:email)', { username, email }).getOne();
  }

  findByField(field: 'email' | 'username', value: string): Promise<User | null> {
    return this.repo.createQueryBuilder('u').where(`lower(u.${field}) = lower(:value)`, { value }).getOne();
  }

  /** A user that is an ACTIVE or INVITED member of the domain. */
  inDomain(domainId: DomainId, alias = 'u'): SelectQueryBuilder<User> {
    return this.repo.createQueryBuilder(alias).where(`EXISTS (SELECT 1 FROM membership m WHERE m."userId" = ${alias}.id AND m."domainId" = :__domainId)`, { __domainId: domainId });
  }

  all(alias = 'u'): SelectQueryBuilder<User> {
    return this.repo.createQueryBuilder(alias);
  }

  create(values: Partial<User>): Promise<User> {
    return this.repo.save(this.repo.create(values));
  }

  async update(id: string, patch: Partial<User>): Promise<void> {
    await this.repo.update({ id }, patch);
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.repo.delete({ id });
    return (r.affected ?? 0) > 0;
  }

  get manager() {
    return this.repo.manager;
  }
}
