import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_IMPORT_SERVERS, MAX_LIST_PAGES, PANEL_PAGE_SIZE } from '../../migration/dto/pterodactyl.dto';

/**
 * Seed 001's Pterodactyl import endpoints over Outpost's PterodactylImportService (native
 * /import/pterodactyl): the same inputs and bounds in snake_case, replies in snake_case. The key
 * travels in the body of each call, is sent to the panel only, and is never stored or logged.
 */

export class V1PanelAccessDTO {
  @ApiProperty({ maxLength: 2048, description: "The panel's address, e.g. https://panel.example.com (the outbound guard refuses the platform's own network)", example: 'https://panel.example.com' })
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiProperty({ minLength: 1, maxLength: 255, description: 'An application API key (ptla_…) with read access; used for this request only, never stored or logged' })
  @IsString()
  @Length(1, 255)
  @Matches(/^[\x21-\x7e]+$/, { message: 'api_key must be printable ASCII without spaces' })
  api_key: string;
}

export class V1PanelServerListInputDTO extends V1PanelAccessDTO {
  @ApiPropertyOptional({ minimum: 1, maximum: 10000, description: `One page of the panel's servers (${PANEL_PAGE_SIZE} a page); omitted: every page, at most ${MAX_LIST_PAGES}` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  page?: number;
}

export class V1PterodactylImportInputDTO extends V1PanelAccessDTO {
  @ApiProperty({ type: [Number], minItems: 1, maxItems: MAX_IMPORT_SERVERS, description: 'Panel server ids (the numeric `id` of the listing)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_SERVERS)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2147483647, { each: true })
  server_ids: number[];

  @ApiProperty({ format: 'uuid', description: 'The node the instances are created on' })
  @IsUUID()
  node_id: string;

  @ApiPropertyOptional({ description: 'true: only report what would happen; nothing is created (default false)' })
  @IsOptional()
  @IsBoolean()
  dry_run?: boolean;
}

export class V1PanelFactsDTO {
  @ApiProperty({ description: 'The normalized panel address the import uses' }) panel_url: string;
  @ApiProperty() server_count: number;
  @ApiProperty() nest_count: number;
}

export class V1PanelLimitsDTO {
  @ApiProperty({ description: 'MiB, 0 = unlimited' }) memory: number;
  @ApiProperty({ description: 'MiB, -1 = unlimited, 0 = none' }) swap: number;
  @ApiProperty({ description: 'MiB, 0 = unlimited' }) disk: number;
  @ApiProperty() io: number;
  @ApiProperty({ description: 'Percent of one core, 0 = unlimited' }) cpu: number;
}

export class V1PanelAllocationDTO {
  @ApiProperty() id: number;
  @ApiProperty() ip: string;
  @ApiProperty({ nullable: true, type: String }) alias: string | null;
  @ApiProperty() port: number;
  @ApiProperty() primary: boolean;
}

export class V1PanelServerDTO {
  @ApiProperty() id: number;
  @ApiProperty() uuid: string;
  @ApiProperty() identifier: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() nest_id: number;
  @ApiProperty() egg_id: number;
  @ApiProperty({ nullable: true, type: String }) egg_name: string | null;
  @ApiProperty({ type: V1PanelLimitsDTO }) limits: V1PanelLimitsDTO;
  @ApiProperty({ type: [V1PanelAllocationDTO] }) allocations: V1PanelAllocationDTO[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The instance of this organization it was imported as, if any' }) imported_as: string | null;
}

export class V1PanelServerListDTO {
  @ApiProperty() panel_url: string;
  @ApiProperty({ type: [V1PanelServerDTO] }) servers: V1PanelServerDTO[];
  @ApiProperty({ description: 'Servers on the panel' }) total: number;
  @ApiProperty() total_pages: number;
  @ApiProperty({ type: [Number], description: 'Pages read for this answer' }) pages: number[];
  @ApiProperty({ description: `More pages exist than one listing follows (${MAX_LIST_PAGES}); ask for them with page` }) truncated: boolean;
}

export class V1ImportTemplateDTO {
  @ApiProperty({ enum: ['import', 'reuse'], description: 'import: the egg becomes a new workload; reuse: a workload imported earlier from this egg' }) action: 'import' | 'reuse';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) workload_id: string | null;
  @ApiProperty() egg_id: number;
  @ApiProperty() egg_name: string;
}

export class V1ImportLimitsDTO {
  @ApiProperty() memory_mib: number;
  @ApiProperty() cpu_percent: number;
  @ApiProperty() disk_mib: number;
}

export class V1ImportPortDTO {
  @ApiProperty() port: number;
  @ApiProperty() primary: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'The panel port it stands for (differs when the primary had to move)' }) source_port: number | null;
}

export class V1DroppedPortDTO {
  @ApiProperty() port: number;
  @ApiProperty() reason: string;
}

export class V1ImportServerReportDTO {
  @ApiProperty() source_id: number;
  @ApiProperty({ nullable: true, type: String }) source_uuid: string | null;
  @ApiProperty() name: string;
  @ApiProperty({
    enum: ['ready', 'imported', 'already_imported', 'failed', 'not_found'],
    description: 'ready: a dry run found nothing in the way; already_imported: this organization has it (instance_id), nothing was done',
  })
  status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The instance it was (or had been) imported as' }) instance_id: string | null;
  @ApiProperty({ type: V1ImportTemplateDTO, nullable: true }) workload: V1ImportTemplateDTO | null;
  @ApiProperty({ type: V1ImportLimitsDTO, nullable: true }) limits: V1ImportLimitsDTO | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: "The server's variable values, by env name" }) variables: Record<string, string>;
  @ApiProperty({ type: [V1ImportPortDTO] }) ports: V1ImportPortDTO[];
  @ApiProperty({ type: [V1DroppedPortDTO] }) dropped_ports: V1DroppedPortDTO[];
  @ApiProperty({ type: [String], description: 'What changes or is not carried for this server' }) notes: string[];
  @ApiProperty({ nullable: true, type: String }) error: string | null;
}

export class V1ImportReportDTO {
  @ApiProperty() dry_run: boolean;
  @ApiProperty() panel_url: string;
  @ApiProperty({ format: 'uuid' }) node_id: string;
  @ApiProperty({ type: [String], description: 'What an import never carries (the server data itself among it)' }) not_carried: string[];
  @ApiProperty({ type: [V1ImportServerReportDTO] }) servers: V1ImportServerReportDTO[];
}
