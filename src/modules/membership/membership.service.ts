import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { loadExtends, SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { RequestAuth } from '../auth/auth-context';
import { isOwnerRole, PrivilegePolicy } from '../auth/privilege-policy';
import { sha256 } from '../../core/crypto/hash';
import { RoleService } from '../role/role.service';
import { UserRepository } from '../user/user.repository';
import type { Role } from '../role/entities/role.entity';
import { DomainState } from '../domain/entities/domain.entity';
import { Membership, MembershipState } from './entities/membership.entity';
import { MembershipRepository } from './membership.repository';
import { InviteOutputDTO, InvitePreviewOutputDTO, MEMBERSHIP_SEARCH, MembershipInviteDTO, MembershipOutputDTO } from './dto/membership.dto';
import { ErrorCode } from '../../core/errors/error-codes';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { EventBus } from '../../core/events/event-bus';
import { MailService } from '../../core/mail/mail.service';

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

/** One answer for unknown, used, withdrawn and expired links: the link alone tells nothing more. */
const invalidInvite = () => new AppError(ErrorCode.NotFoundError, 'This invite link is not valid: it was already used, withdrawn or has expired. Ask for a new one.');

@Injectable()
export class MembershipService {
  private readonly logger = new Logger('Membership');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly memberships: MembershipRepository,
    private readonly roles: RoleService,
    private readonly users: UserRepository,
    private readonly policy: PrivilegePolicy,
    private readonly mail: MailService,
    private readonly bus: EventBus,
  ) {}

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<MembershipOutputDTO>> {
    const r = await new SearchEngine(MEMBERSHIP_SEARCH).execute(this.memberships.queryBuilder(domainId, 'm'), 'm', query);
    await loadExtends(this.memberships.queryBuilder(domainId, 'm'), MEMBERSHIP_SEARCH, r.items, query.extend, domainId);
    return Paged.of(MembershipOutputDTO, r);
  }

  async get(domainId: DomainId, id: string): Promise<MembershipOutputDTO> {
    return toOutput(MembershipOutputDTO, await this.find(domainId, id));
  }

  /** The membership row (404 when it is not in this domain). */
  async find(domainId: DomainId, id: string): Promise<Membership> {
    const m = await this.memberships.findById(domainId, id);
    if (!m) throw AppError.notFound('Membership');
    return m;
  }

  /** Adds a just-created user inside the caller's transaction, with a role the caller may give. */
  async addWithin(tx: EntityManager, auth: RequestAuth, domainId: DomainId, userId: string, roleId?: string): Promise<Membership> {
    const role = await this.assignableRole(auth, domainId, roleId);
    return this.memberships.withManager(tx).insert(domainId, { userId, roleId: role.id, state: MembershipState.ACTIVE });
  }

  async invite(auth: RequestAuth, domainId: DomainId, input: MembershipInviteDTO): Promise<InviteOutputDTO> {
    const role = await this.assignableRole(auth, domainId, input.roleId);
    const email = input.email.toLowerCase();
    const existing = await this.users.findByField('email', email);
    if (existing && (await this.memberships.findOne(domainId, { userId: existing.id }))) throw AppError.conflict('That user is already a member of this domain');
    if (await this.memberships.findOne(domainId, { inviteEmail: email, state: MembershipState.INVITED })) throw AppError.conflict('That email already has a pending invite');
    const token = `outpost_inv_${randomBytes(24).toString('base64url')}`;
    const m = await this.memberships.insert(domainId, {
      userId: null,
      roleId: role.id,
      state: MembershipState.INVITED,
      inviteEmail: email,
      inviteTokenHash: sha256(token),
      inviteExpiresAt: new Date(Date.now() + INVITE_TTL_MS),
    });
    const delivery = await this.mailInvite(auth, domainId, email, token);
    return { ...toOutput(MembershipOutputDTO, m), inviteToken: token, ...delivery };
  }

  /**
   * Sends the invite link when instance mail is configured. A mail failure never loses the invite:
   * the token is in the reply either way, and the reply says whether the mail went out.
   */
  private async mailInvite(auth: RequestAuth, domainId: DomainId, email: string, token: string): Promise<{ emailed: boolean; emailError: string | null }> {
    if (!this.mail.configured) return { emailed: false, emailError: null };
    const invite = await this.memberships.findOpenInvite(sha256(token));
    const domainName = invite?.domain?.name ?? 'a domain';
    const roleName = invite?.role?.name ?? 'Member';
    const base = (this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`).replace(/\/+$/, '');
    const link = `${base}/invite/${token}`;
    const inviter = auth.principal.username;
    const expires = invite?.inviteExpiresAt ? invite.inviteExpiresAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : 'in 7 days';
    try {
      await this.mail.send({
        to: [email],
        subject: `${inviter} invited you to ${domainName} on Outpost`,
        text: [
          `${inviter} invited you to join "${domainName}" on Outpost as ${roleName}.`,
          '',
          `Open this link to accept the invite (valid until ${expires}):`,
          link,
          '',
          'If you did not expect this invitation, you can ignore this email.',
        ].join('\n'),
      });
      return { emailed: true, emailError: null };
    } catch (err) {
      // The instance mail server's own words (its address, its errors) stay in the log, not with the tenant.
      this.logger.warn(`Invite email for domain ${domainId} not sent: ${err instanceof Error ? err.message : String(err)}`);
      const code = err instanceof AppError ? (err.details as { responseCode?: number | null } | undefined)?.responseCode : null;
      const why = code ? `the mail server refused it (SMTP ${code})` : 'the mail server could not be reached';
      return { emailed: false, emailError: `The invite email was not sent: ${why}. Give the invite link to the invitee yourself.` };
    }
  }

  /** Says who joined or left, once the change is committed (integrations deliver it). */
  private async announce(domainId: DomainId, userId: string | null, change: 'joined' | 'left'): Promise<void> {
    if (!userId) return;
    const user = await this.users.findById(userId);
    this.bus.emit('membership.changed', { domainId, userId, userName: user?.username ?? userId, change });
  }

  /** A member added by an admin inside a transaction (UserService.create): call after it committed. */
  async announceJoined(domainId: DomainId, userId: string): Promise<void> {
    await this.announce(domainId, userId, 'joined');
  }

  /**
   * Account creation from an invite link: `register` (UserService, its own transaction) claims the
   * invite; the join is announced after that transaction committed.
   */
  async registerFromInvite<T>(token: string, register: () => Promise<T>): Promise<T> {
    const invite = await this.openInvite(token);
    const result = await register();
    const joined = await this.memberships.findById(trustedDomainId(invite.domainId), invite.id);
    if (joined?.state === MembershipState.ACTIVE) await this.announce(trustedDomainId(invite.domainId), joined.userId, 'joined');
    return result;
  }

  /** The signed-in user accepts an invite addressed to their email. */
  async accept(userId: string, token: string): Promise<MembershipOutputDTO> {
    const invite = await this.memberships.findInviteByTokenHash(sha256(token));
    const user = await this.users.findById(userId);
    if (!invite || invite.state !== MembershipState.INVITED || !user) throw AppError.notFound('Invite');
    if (invite.inviteExpiresAt && invite.inviteExpiresAt.getTime() < Date.now()) throw AppError.badRequest('This invite has expired; ask for a new one');
    if (invite.inviteEmail?.toLowerCase() !== user.email.toLowerCase()) throw AppError.forbidden('This invite was sent to another email address');
    const domainId = trustedDomainId(invite.domainId);
    if (await this.memberships.findOne(domainId, { userId })) throw AppError.conflict('You are already a member of this domain');
    const updated = await this.memberships.update(domainId, invite.id, { userId, state: MembershipState.ACTIVE, inviteTokenHash: null, inviteExpiresAt: null });
    await this.announce(domainId, userId, 'joined');
    return toOutput(MembershipOutputDTO, updated!);
  }

  /** What the invite link shows to anyone holding it (signed in or not). */
  async preview(token: string): Promise<InvitePreviewOutputDTO> {
    const invite = await this.openInvite(token);
    return { domainName: invite.domain!.name, roleName: invite.role!.name, email: invite.inviteEmail, expiresAt: invite.inviteExpiresAt };
  }

  /** The usable invite behind a link (its domain active), or 404 with one message for every reason it isn't. */
  async openInvite(token: string): Promise<Membership> {
    // Path params have no DTO: an absurd length is just another invalid link.
    const invite = token.length <= 200 ? await this.memberships.findOpenInvite(sha256(token)) : null;
    if (!invite || !invite.domain || invite.domain.state === DomainState.DISABLED) throw invalidInvite();
    return invite;
  }

  /** Makes a just-created account the invite's member, inside the caller's transaction; 404 when someone took the link first. */
  async claimInviteWithin(tx: EntityManager, inviteId: string, token: string, userId: string): Promise<void> {
    if (!(await this.memberships.withManager(tx).claimInvite(inviteId, sha256(token), userId))) throw invalidInvite();
  }

  async changeRole(auth: RequestAuth, domainId: DomainId, id: string, roleId: string): Promise<MembershipOutputDTO> {
    const m = await this.find(domainId, id);
    const current = await this.policy.assertMayManageMember(auth, domainId, m);
    const role = await this.assignableRole(auth, domainId, roleId);
    const updated = await this.underOwnerLock(domainId, auth, current, async (repo) => {
      await this.assertNotLastOwner(repo, domainId, m, current, isOwnerRole(role));
      // An Owner holds every permission: removals don't survive becoming one.
      return repo.update(domainId, id, { roleId: role.id, ...(isOwnerRole(role) ? { permissionsRevoked: [] } : {}) });
    });
    return toOutput(MembershipOutputDTO, updated!);
  }

  async remove(auth: RequestAuth, domainId: DomainId, id: string): Promise<void> {
    const m = await this.find(domainId, id);
    const current = await this.policy.assertMayManageMember(auth, domainId, m);
    await this.underOwnerLock(domainId, auth, current, async (repo) => {
      await this.assertNotLastOwner(repo, domainId, m, current, false);
      await repo.delete(domainId, id);
    });
    // A withdrawn invite is nobody leaving.
    if (m.state === MembershipState.ACTIVE) await this.announce(domainId, m.userId, 'left');
  }

  /** True when the user has a membership of the domain in any state (active, invited, …). */
  async isMember(domainId: DomainId, userId: string): Promise<boolean> {
    return !!(await this.memberships.findOne(domainId, { userId }));
  }

  /** Users holding the domain's system Owner or Admin role. */
  async adminUserIds(domainId: DomainId): Promise<Set<string>> {
    const memberships = await this.memberships.queryBuilder(domainId, 'm').innerJoinAndSelect('m.role', 'r').getMany();
    const admins = memberships.filter((m) => m.role?.system && (m.role.name === 'Owner' || m.role.name === 'Admin'));
    return new Set(admins.flatMap((m) => (m.userId ? [m.userId] : [])));
  }

  /** Deleting an account must not leave a domain without an Owner. */
  async assertNotSoleOwnerAnywhere(userId: string): Promise<void> {
    const domains = await this.memberships.domainsSolelyOwnedBy(userId);
    if (domains.length) throw AppError.conflict('This user is the only Owner of some domains; make someone else Owner there first', { domains });
  }

  async removeUser(auth: RequestAuth, domainId: DomainId, userId: string): Promise<boolean> {
    const m = await this.memberships.findOne(domainId, { userId });
    if (!m) return false;
    await this.remove(auth, domainId, m.id);
    return true;
  }

  /**
   * Owner changes of one domain run one at a time, so two concurrent demotions can't leave it
   * without an Owner, and an Owner demoted a moment ago can't still act as one. Everything read
   * inside goes through the transaction (waiters hold a connection each; no second one is needed).
   */
  underOwnerLock<T>(domainId: DomainId, auth: RequestAuth, targetRole: Role, work: (repo: MembershipRepository) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`domain-owners:${domainId}`]);
      const repo = this.memberships.withManager(tx);
      if (isOwnerRole(targetRole)) await this.policy.assertStillOwner(auth, domainId, repo);
      return work(repo);
    });
  }

  /** A domain always keeps at least one active Owner. */
  private async assertNotLastOwner(repo: MembershipRepository, domainId: DomainId, m: Membership, role: Role, stillOwner: boolean) {
    if (stillOwner || m.state !== MembershipState.ACTIVE) return;
    if (isOwnerRole(role) && (await repo.countOwners(domainId)) <= 1) {
      throw AppError.conflict('A domain needs at least one owner; make someone else owner first');
    }
  }

  /** The named role (default: Member), if the caller may give it. */
  private async assignableRole(auth: RequestAuth, domainId: DomainId, roleId?: string) {
    const role = roleId ? await this.roles.find(domainId, roleId) : await this.defaultRole(domainId);
    await this.policy.assertMayAssign(auth, domainId, role);
    return role;
  }

  private async defaultRole(domainId: DomainId) {
    const role = await this.roles.findByName(domainId, 'Member');
    if (!role) throw AppError.badRequest('This domain has no Member role; pass roleId');
    return role;
  }
}
