import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { User } from '../../user/entities/user.entity';
import type { Role } from '../../role/entities/role.entity';
import type { Domain } from '../../domain/entities/domain.entity';

export enum MembershipState {
  ACTIVE = 'ACTIVE',
  INVITED = 'INVITED',
}

/** A user's place in a domain, with one role. Invites are memberships waiting for acceptance. */
@Entity('membership')
export class Membership {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'uuid', nullable: true }) userId: string | null;
  @Column({ type: 'uuid' }) roleId: string;
  @Column({ type: 'text', default: MembershipState.ACTIVE }) state: MembershipState;
  /** Invitee's email while INVITED. */
  @Column({ type: 'text', nullable: true }) inviteEmail: string | null;
  @Column({ type: 'text', nullable: true, select: false }) inviteTokenHash: string | null;
  @Column({ type: 'timestamptz', nullable: true }) inviteExpiresAt: Date | null;
  /** Per-member overrides on top of the role: effective permissions = role ∪ granted − revoked (never both). */
  @Column({ type: 'text', array: true, default: '{}' }) permissionsGranted: string[];
  @Column({ type: 'text', array: true, default: '{}' }) permissionsRevoked: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @ManyToOne('User', 'memberships', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'userId' }) user?: User;
  @ManyToOne('Role', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'roleId' }) role?: Role;
  @ManyToOne('Domain', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'domainId' }) domain?: Domain;
}
