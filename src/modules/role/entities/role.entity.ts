import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('role')
export class Role {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', array: true, default: '{}' }) permissions: string[];
  /** Built-in roles (Owner, Admin, Member, Viewer) can't be deleted. */
  @Column({ type: 'boolean', default: false }) system: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
