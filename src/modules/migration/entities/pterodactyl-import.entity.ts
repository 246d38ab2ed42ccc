import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const IMPORT_KINDS = ['egg', 'server'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * One thing imported from a Pterodactyl panel into this domain: an egg (→ `workloadId`) or a server
 * (→ `gameserverId`). A row whose target is still null is a claim of an import under way. The
 * panel's API key is never stored.
 */
@Entity('pterodactyl_import')
export class PterodactylImport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'text' }) kind: ImportKind;
  @Column({ type: 'text' }) panelUrl: string;
  @Column({ type: 'integer' }) sourceId: number;
  @Column({ type: 'text' }) sourceUuid: string;
  @Column({ type: 'uuid', nullable: true }) workloadId: string | null;
  @Column({ type: 'uuid', nullable: true }) gameserverId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
