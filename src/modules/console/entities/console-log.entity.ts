import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One persisted console line of a game server (history behind GET /gameserver/:id/logs). */
@Entity('console_log')
export class ConsoleLog {
  /** bigserial: TypeORM hands bigint back as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'uuid' }) gameserverId: string;
  /** The line's console sequence number (per game server, shared by every API process). */
  @Column({ type: 'bigint' }) seq: string;
  /** stdout | stderr | outpost (notices from the control plane, e.g. throttling). */
  @Column({ type: 'text' }) stream: string;
  @Column({ type: 'text' }) line: string;
  @Column({ type: 'timestamptz' }) time: Date;
}
