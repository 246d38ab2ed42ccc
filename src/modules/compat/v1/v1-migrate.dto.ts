import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `POST /v1/nodes/{id}/migrate`: where this node's stopped instances go. */
export class V1NodeMigrateInputDTO {
  @ApiProperty({ format: 'uuid', description: 'The node to move the instances to (of the organization, or shared)' }) @IsUUID() target_node_id: string;
}

export const MIGRATION_RESULTS = ['migrated', 'skipped', 'failed'] as const;

export class V1InstanceMigrationDTO {
  @ApiProperty({ format: 'uuid' }) instance_id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: MIGRATION_RESULTS, description: '`skipped`: it was not stopped (Outpost moves stopped instances only)' }) result: (typeof MIGRATION_RESULTS)[number];
  @ApiProperty({ format: 'uuid', description: 'Where it is now' }) node_id: string;
  @ApiProperty({ description: 'Its status now' }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was skipped or failed' }) error: string | null;
}

export class V1NodeMigrationDTO {
  @ApiProperty({ format: 'uuid' }) source_node_id: string;
  @ApiProperty({ format: 'uuid' }) target_node_id: string;
  @ApiProperty() migrated: number;
  @ApiProperty() skipped: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: [V1InstanceMigrationDTO], description: "The organization's instances that were on the source node, oldest first" }) instances: V1InstanceMigrationDTO[];
}
