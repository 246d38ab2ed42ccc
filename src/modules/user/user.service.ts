import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { loadExtends, SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId } from '@libs/tenancy/domain-id';
import { Principal, RequestAuth } from '../auth/auth-context';
import { hashSecret, verifySecret } from '../auth/password';
import { RateLimitStore } from '../auth/rate-limit.store';
import { ACCESS_TTL_SECONDS, TokenService } from '../auth/token.service';
import type { LoginOutputDTO } from '../auth/dto/auth.dto';
import type { InviteRegisterDTO } from '../membership/dto/membership.dto';
import { MembershipService } from '../membership/membership.service';
import { AuditService } from '../auditlog/audit.service';
import { User } from './entities/user.entity';
import { UserRepository } from './user.repository';
import { USER_SEARCH, UserCreateDTO, UserOutputDTO, UserUpdateDTO } from './dto/user.dto';

const CURRENT_PASSWORD_MAX_FAILURES = 5;
const CURRENT_PASSWORD_WINDOW_MS = 15 * 60 * 1000;

@Injectable()
export class UserService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly memberships: MembershipService,
    private readonly tokens: TokenService,
    private readonly limits: RateLimitStore,
    private readonly audit: AuditService,
  ) {}

  /** Instance admins see every user; everyone else sees the members of the request's domain. */
  async search(principal: Principal, domainId: DomainId, query: SearchQuery): Promise<Paged<UserOutputDTO>> {
    const qb = principal.isInstanceAdmin ? this.users.all('u') : this.users.inDomain(domainId, 'u');
    const r = await new SearchEngine(USER_SEARCH).execute(qb, 'u', query);
    await loadExtends(principal.isInstanceAdmin ? this.users.all('u') : this.users.inDomain(domainId, 'u'), USER_SEARCH, r.items, query.extend, principal.isInstanceAdmin ? null : domainId);
    return Paged.of(UserOutputDTO, r);
  }

  async get(principal: Principal, domainId: DomainId, id: string): Promise<UserOutputDTO> {
    return toOutput(UserOutputDTO, await this.visible(principal, domainId, id));
  }

  /** The account still exists and is not suspended (a token outliving its deleted or suspended user is refused). */
  async exists(id: string): Promise<boolean> {
    const user = await this.users.findById(id);
    return !!user && !user.suspendedAt;
  }

  /**
   * An instance admin suspends an account: its logins, refreshes, access tokens, API tokens and console
   * sockets are refused from now on (authentication reads `suspendedAt` on every request); nothing of it
   * is deleted or revoked, so unsuspending restores everything. Nobody suspends themself, and the
   * instance always keeps an active administrator (checked under a lock, so two admins can't suspend
   * each other at the same moment). Audited as an instance event.
   */
  async suspend(auth: RequestAuth, id: string, reason: string | undefined, ip: string): Promise<UserOutputDTO> {
    if (id === auth.principal.userId) throw AppError.badRequest('You cannot suspend your own account');
    const target = await this.users.findById(id);
    if (!target) throw AppError.notFound('User');
    await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['instance-admins']);
      if (target.isInstanceAdmin && (await this.users.countActiveInstanceAdmins(id, tx)) === 0) {
        throw AppError.conflict('This is the last active instance administrator; it cannot be suspended');
      }
      // A repeated suspend keeps the first time (and updates the reason).
      await this.users.setSuspended(id, target.suspendedAt ?? new Date(), reason?.trim() || null, tx);
    });
    await this.auditAccount(auth, 'user.suspend', target, ip, { reason: reason ?? null });
    return toOutput(UserOutputDTO, (await this.users.findById(id))!);
  }

  /** Everything the account had works again. */
  async unsuspend(auth: RequestAuth, id: string, ip: string): Promise<UserOutputDTO> {
    const target = await this.users.findById(id);
    if (!target) throw AppError.notFound('User');
    await this.users.setSuspended(id, null, null);
    await this.auditAccount(auth, 'user.unsuspend', target, ip, { wasSuspendedAt: target.suspendedAt?.toISOString() ?? null });
    return toOutput(UserOutputDTO, (await this.users.findById(id))!);
  }

  private auditAccount(auth: RequestAuth, action: string, target: User, ip: string, details: Record<string, unknown>): Promise<void> {
    const p = auth.principal;
    return this.audit.instanceEvent({
      actorType: p.kind,
      actorId: p.kind === 'apitoken' ? (p.tokenId ?? null) : p.userId,
      actorName: p.username,
      tokenName: p.kind === 'apitoken' ? (p.tokenName ?? null) : null,
      action,
      targetType: 'user',
      targetId: target.id,
      targetName: target.username,
      ip,
      status: 200,
      details,
    });
  }

  /** The members of a domain (any membership state), oldest account first. */
  membersOf(domainId: DomainId): Promise<User[]> {
    return this.users.inDomain(domainId, 'u').orderBy('u.createdAt', 'ASC').getMany();
  }

  /** The account with this email or username, if it is a member of the domain (any membership state); else null. */
  async findMemberBy(domainId: DomainId, field: 'email' | 'username', value: string): Promise<User | null> {
    const user = await this.users.findByField(field, value);
    return user && (await this.memberships.isMember(domainId, user.id)) ? user : null;
  }

  private async visible(principal: Principal, domainId: DomainId, id: string): Promise<User> {
    const qb = principal.isInstanceAdmin ? this.users.all('u') : this.users.inDomain(domainId, 'u');
    const user = await qb.andWhere('u.id = :id', { id }).getOne();
    if (!user) throw AppError.notFound('User');
    return user;
  }

  /** Creates the account and its membership in the request's domain, atomically; the role must be one the caller may give. */
  async create(auth: RequestAuth, domainId: DomainId, input: UserCreateDTO): Promise<UserOutputDTO> {
    if (await this.users.findByUsernameOrEmail(input.username, input.email)) {
      throw AppError.conflict('A user with this username or email already exists; invite them with POST /membership instead');
    }
    const passwordHash = await hashSecret(input.password);
    const user = await this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(User);
      const created = await repo.save(repo.create({ username: input.username, email: input.email.toLowerCase(), passwordHash }));
      await this.memberships.addWithin(tx, auth, domainId, created.id, input.roleIds?.[0]);
      return created;
    });
    // After the commit, like every other way of joining.
    await this.memberships.announceJoined(domainId, user.id);
    return toOutput(UserOutputDTO, (await this.users.findById(user.id))!);
  }

  /**
   * Someone without an account takes an invite link: the account (with the invite's email), its ACTIVE
   * membership with the invited role, and a session, as POST /login answers. The role was checked
   * against the inviter's privileges when the invite was made.
   */
  async registerFromInvite(token: string, input: InviteRegisterDTO): Promise<LoginOutputDTO> {
    const invite = await this.memberships.openInvite(token);
    const email = invite.inviteEmail?.toLowerCase();
    if (!email) throw AppError.badRequest('This invite names no email address; sign in with an existing account to accept it');
    if (input.email !== undefined && input.email.toLowerCase() !== email) throw AppError.forbidden('This invite was sent to another email address');
    if (await this.users.findByField('username', input.username)) throw AppError.conflict('That username is taken; choose another');
    if (await this.users.findByField('email', email)) throw AppError.conflict('An account with this email already exists; sign in and accept the invite instead');
    const passwordHash = await hashSecret(input.password);
    const userId = await this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(User);
      const created = await repo.save(repo.create({ username: input.username, email, passwordHash, lastLoginAt: new Date() }));
      await this.memberships.claimInviteWithin(tx, invite.id, token, created.id);
      return created.id;
    });
    const session = await this.tokens.startSession(userId);
    return { token: session.accessToken, refreshToken: session.refreshToken, expiresIn: ACCESS_TTL_SECONDS };
  }

  /**
   * People change their own email/password (with their current password); instance admins can
   * change anyone's. A new password ends every session of the account: its refresh tokens and,
   * through them, every access token issued before (see AuthenticationGuard).
   */
  async update(principal: Principal, domainId: DomainId, id: string, patch: UserUpdateDTO): Promise<UserOutputDTO> {
    await this.visible(principal, domainId, id);
    if (principal.userId !== id && !principal.isInstanceAdmin) throw AppError.forbidden('You can only change your own account');
    const changesCredentials = patch.email !== undefined || patch.password !== undefined;
    if (changesCredentials && principal.userId === id) await this.assertCurrentPassword(id, patch.currentPassword);
    const changes: Partial<User> = {};
    if (patch.username !== undefined) {
      const clash = await this.users.findByField('username', patch.username);
      if (clash && clash.id !== id) throw AppError.conflict('That username is taken; choose another');
      changes.username = patch.username;
    }
    if (patch.email !== undefined) {
      const clash = await this.users.findByField('email', patch.email);
      if (clash && clash.id !== id) throw AppError.conflict('That email is already used by another account');
      changes.email = patch.email.toLowerCase();
    }
    if (patch.password !== undefined) changes.passwordHash = await hashSecret(patch.password);
    if (Object.keys(changes).length) await this.users.update(id, changes);
    if (patch.password !== undefined) await this.tokens.revokeAllForUser(id);
    return toOutput(UserOutputDTO, (await this.users.findById(id))!);
  }

  /** Guessing the current password through this route is limited like logging in. */
  private async assertCurrentPassword(userId: string, currentPassword: string | undefined): Promise<void> {
    if (currentPassword === undefined) {
      throw AppError.validation('currentPassword is required to change your email or password', [
        { path: 'currentPassword', code: 'required', message: 'currentPassword is required to change your email or password' },
      ]);
    }
    const key = `current-password:${userId}`;
    const prior = await this.limits.peek(key);
    if (prior.count >= CURRENT_PASSWORD_MAX_FAILURES) throw AppError.tooManyRequests('Too many wrong current passwords; try again later', Math.ceil(prior.ttlMs / 1000));
    const user = await this.users.findWithSecrets(userId);
    if (!user || !(await verifySecret(user.passwordHash, currentPassword))) {
      await this.limits.hit(key, CURRENT_PASSWORD_WINDOW_MS);
      throw AppError.forbidden('Current password is incorrect');
    }
    await this.limits.reset(key);
  }

  /** Instance admins delete the account; domain admins remove the user from their domain. */
  async remove(auth: RequestAuth, domainId: DomainId, id: string): Promise<void> {
    const principal = auth.principal;
    await this.visible(principal, domainId, id);
    if (principal.isInstanceAdmin) {
      if (id === principal.userId) throw AppError.badRequest('You cannot delete your own account');
      await this.memberships.assertNotSoleOwnerAnywhere(id);
      await this.users.delete(id);
      return;
    }
    await this.memberships.removeUser(auth, domainId, id);
  }
}
