import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { DomainId } from '@libs/tenancy/domain-id';
import { Membership, MembershipState } from './entities/membership.entity';

@Injectable()
export class MembershipRepository extends ScopedRepository<Membership> {
  constructor(@InjectRepository(Membership) repo: Repository<Membership>) {
    super(repo);
  }

  /** The user's ACTIVE membership in the domain with its role and the domain itself (one query per request). */
  activeWithRole(domainId: DomainId, userId: string): Promise<Membership | null> {
    return this.queryBuilder(domainId, 'm')
      .innerJoinAndSelect('m.role', 'r')
      .innerJoinAndSelect('m.domain', 'd')
      .andWhere('m."userId" = :userId AND m.state = :state', { userId, state: MembershipState.ACTIVE })
      .getOne();
  }

  /**
   * What the request guard needs, in one query (it runs on every request): the user's role permissions
   * in the domain, the member's own grants and removals, and the domain's state; null when not an
   * active member or when the account is suspended.
   */
  async accessOf(domainId: DomainId, userId: string): Promise<{ rolePermissions: string[]; granted: string[]; revoked: string[]; domainState: string } | null> {
    const row = await this.queryBuilder(domainId, 'm')
      .innerJoin('m.role', 'r')
      .innerJoin('m.domain', 'd')
      .innerJoin('m.user', 'u')
      .select('r.permissions', 'permissions')
      .addSelect('m.permissionsGranted', 'granted')
      .addSelect('m.permissionsRevoked', 'revoked')
      .addSelect('d.state', 'state')
      .andWhere(`m."userId" = :userId AND m.state = 'ACTIVE' AND u."suspendedAt" IS NULL`, { userId })
      .getRawOne<{ permissions: string[]; granted: string[]; revoked: string[]; state: string }>();
    return row ? { rolePermissions: row.permissions, granted: row.granted ?? [], revoked: row.revoked ?? [], domainState: row.state } : null;
  }

  /** Invites are looked up by their token before the domain is known (the token is the proof). */
  findInviteByTokenHash(tokenHash: string): Promise<Membership | null> {
    return this.crossDomain('credentialLookup').queryBuilder('m').addSelect('m.inviteTokenHash').where('m."inviteTokenHash" = :tokenHash', { tokenHash }).getOne();
  }

  /** An invite that can still be taken (INVITED, not expired), with its domain and role for the preview; the token is the proof. */
  findOpenInvite(tokenHash: string): Promise<Membership | null> {
    return this.crossDomain('credentialLookup')
      .queryBuilder('m')
      .innerJoinAndSelect('m.domain', 'd')
      .innerJoinAndSelect('m.role', 'r')
      .where('m."inviteTokenHash" = :tokenHash AND m.state = :state AND (m."inviteExpiresAt" IS NULL OR m."inviteExpiresAt" > now())', { tokenHash, state: MembershipState.INVITED })
      .getOne();
  }

  /**
   * Turns the invite into the user's ACTIVE membership, once: the WHERE repeats every condition, so of two
   * concurrent sign-ups with the same link only one wins (false for the other, whose transaction rolls back).
   */
  async claimInvite(id: string, tokenHash: string, userId: string): Promise<boolean> {
    const affected = await this.crossDomain('credentialLookup').update(
      { id, inviteTokenHash: tokenHash, state: MembershipState.INVITED },
      { userId, state: MembershipState.ACTIVE, inviteTokenHash: null, inviteExpiresAt: null },
    );
    return affected > 0;
  }

  /** Instance-wide (account deletion): the domains where this user is the only active Owner. */
  async domainsSolelyOwnedBy(userId: string): Promise<string[]> {
    const rows = await this.crossDomain('accountDeletion').query<Array<{ domainId: string }>>(
      `SELECT m."domainId" FROM membership m JOIN role r ON r.id = m."roleId"
        WHERE m."userId" = $1 AND m.state = 'ACTIVE' AND r.system AND r.name = 'Owner'
          AND NOT EXISTS (SELECT 1 FROM membership o JOIN role ro ON ro.id = o."roleId"
                           WHERE o."domainId" = m."domainId" AND o."userId" <> $1 AND o.state = 'ACTIVE' AND ro.system AND ro.name = 'Owner')`,
      [userId],
    );
    return rows.map((r) => r.domainId);
  }

  countOwners(domainId: DomainId): Promise<number> {
    return this.queryBuilder(domainId, 'm').innerJoin('m.role', 'r').andWhere(`r.name = 'Owner' AND r.system AND m.state = 'ACTIVE'`).getCount();
  }
}
