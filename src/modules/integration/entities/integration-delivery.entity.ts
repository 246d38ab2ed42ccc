import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What happened, independent of the target: each sender renders it in its own format. */
export interface DeliveryPayload {
  occurredAt: string;
  title: string;
  text: string;
  level: 'info' | 'success' | 'warning' | 'danger';
  fields: { name: string; value: string }[];
  /** The event's data as the generic webhook sends it. */
  data: Record<string, unknown>;
}

/** One event sent (or being sent) to one integration: the delivery log. */
@Entity('integration_delivery')
export class IntegrationDelivery {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'uuid' }) integrationId: string;
  @Column({ type: 'text' }) event: string;
  @Column({ type: 'jsonb' }) payload: DeliveryPayload;
  @Column({ type: 'text', default: 'pending' }) status: DeliveryStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'int', nullable: true }) lastStatusCode: number | null;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) nextAttemptAt: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}
