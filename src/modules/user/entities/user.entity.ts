import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Membership } from '../../membership/entities/membership.entity';

/** An account. Instance-wide: users belong to domains through memberships. */
@Entity('user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) username: string;
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text', select: false }) passwordHash: string;
  @Column({ type: 'boolean', default: false }) isInstanceAdmin: boolean;
  @Column({ type: 'boolean', default: false }) mfaEnabled: boolean;
  @Column({ type: 'text', nullable: true, select: false }) mfaSecret: string | null;
  @Column({ type: 'text', array: true, default: '{}', select: false }) mfaRecoveryCodes: string[];
  /** The TOTP time step of the last code accepted: a code can't be replayed within its window. */
  @Column({ type: 'integer', nullable: true, select: false }) mfaLastStep: number | null;
  @Column({ type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
  /** Set while an instance admin has suspended the account: no credential of it works; nothing of it is deleted. */
  @Column({ type: 'timestamptz', nullable: true }) suspendedAt: Date | null;
  @Column({ type: 'text', nullable: true }) suspendedReason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @OneToMany('Membership', 'user') memberships?: Membership[];
}
