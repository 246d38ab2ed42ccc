import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';

/** Servers one import request may name. */
export const MAX_IMPORT_SERVERS = 50;
/** Pages of servers one listing follows (50 servers a page). */
export const MAX_LIST_PAGES = 20;
export const PANEL_PAGE_SIZE = 50;

export class PanelAccessDTO {
  @ApiProperty({ maxLength: 2048, description: "The panel's address, e.g. https://panel.example.com (the outbound guard refuses the platform's own network)", example: 'https://panel.example.com' })
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiProperty({ minLength: 1, maxLength: 255, description: 'An application API key (ptla_…, Admin → Application API) with read access; used for this request only, never stored or logged' })
  @IsString()
  @Length(1, 255)
  @Matches(/^[\x21-\x7e]+$/, { message: 'apiKey must be printable ASCII without spaces' })
  apiKey: string;
}

export class PanelServerListInputDTO extends PanelAccessDTO {
  @ApiPropertyOptional({ minimum: 1, maximum: 10000, description: `One page of the panel's servers (${PANEL_PAGE_SIZE} a page); omitted: every page, at most ${MAX_LIST_PAGES}` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  page?: number;
}

export class PterodactylImportInputDTO extends PanelAccessDTO {
  @ApiProperty({ type: [Number], minItems: 1, maxItems: MAX_IMPORT_SERVERS, description: 'Panel server ids (the numeric `id` of the listing)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_SERVERS)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2147483647, { each: true })
  serverIds: number[];

  @ApiProperty({ format: 'uuid', description: 'The Outpost node the servers are created on' })
  @IsUUID()
  nodeId: string;

  @ApiProperty({ description: 'true: only report what would happen; nothing is created' })
  @IsBoolean()
  dryRun: boolean;
}

export class PanelFactsDTO {
  @ApiProperty({ description: 'The normalized panel address the import uses' }) panelUrl: string;
  @ApiProperty() serverCount: number;
  @ApiProperty() nestCount: number;
}

export class PanelLimitsDTO {
  @ApiProperty({ description: 'MiB, 0 = unlimited' }) memory: number;
  @ApiProperty({ description: 'MiB, -1 = unlimited, 0 = none' }) swap: number;
  @ApiProperty({ description: 'MiB, 0 = unlimited' }) disk: number;
  @ApiProperty() io: number;
  @ApiProperty({ description: 'Percent of one core, 0 = unlimited' }) cpu: number;
}

export class PanelAllocationDTO {
  @ApiProperty() id: number;
  @ApiProperty() ip: string;
  @ApiProperty({ nullable: true, type: String }) alias: string | null;
  @ApiProperty() port: number;
  @ApiProperty() primary: boolean;
}

export class PanelServerDTO {
  @ApiProperty() id: number;
  @ApiProperty() uuid: string;
  @ApiProperty() identifier: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() nestId: number;
  @ApiProperty() eggId: number;
  @ApiProperty({ nullable: true, type: String }) eggName: string | null;
  @ApiProperty({ type: PanelLimitsDTO }) limits: PanelLimitsDTO;
  @ApiProperty({ type: [PanelAllocationDTO] }) allocations: PanelAllocationDTO[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The game server of this domain it was imported as, if any' }) importedAs: string | null;
}

export class PanelServerListDTO {
  @ApiProperty() panelUrl: string;
  @ApiProperty({ type: [PanelServerDTO] }) servers: PanelServerDTO[];
  @ApiProperty({ description: 'Servers on the panel' }) total: number;
  @ApiProperty() totalPages: number;
  @ApiProperty({ type: [Number], description: 'Pages read for this answer' }) pages: number[];
  @ApiProperty({ description: `More pages exist than one listing follows (${MAX_LIST_PAGES}); ask for them with page` }) truncated: boolean;
}

export class ImportTemplateDTO {
  @ApiProperty({ enum: ['import', 'reuse'], description: 'import: the egg becomes a new template; reuse: a template imported earlier from this egg' }) action: 'import' | 'reuse';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) workloadId: string | null;
  @ApiProperty() eggId: number;
  @ApiProperty() eggName: string;
}

export class ImportLimitsDTO {
  @ApiProperty() memoryMiB: number;
  @ApiProperty() cpuPercent: number;
  @ApiProperty() diskMiB: number;
}

export class ImportPortDTO {
  @ApiProperty() port: number;
  @ApiProperty() primary: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'The panel port it stands for (differs when the primary had to move)' }) sourcePort: number | null;
}

export class DroppedPortDTO {
  @ApiProperty() port: number;
  @ApiProperty() reason: string;
}

export class ImportServerReportDTO {
  @ApiProperty() sourceId: number;
  @ApiProperty({ nullable: true, type: String }) sourceUuid: string | null;
  @ApiProperty() name: string;
  @ApiProperty({
    enum: ['ready', 'imported', 'alreadyImported', 'failed', 'notFound'],
    description: 'ready: a dry run found nothing in the way; alreadyImported: this domain has it (gameserverId), nothing was done',
  })
  status: 'ready' | 'imported' | 'alreadyImported' | 'failed' | 'notFound';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) gameserverId: string | null;
  @ApiProperty({ type: ImportTemplateDTO, nullable: true }) template: ImportTemplateDTO | null;
  @ApiProperty({ type: ImportLimitsDTO, nullable: true }) limits: ImportLimitsDTO | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: "The server's variable values, by env name" }) variables: Record<string, string>;
  @ApiProperty({ type: [ImportPortDTO] }) ports: ImportPortDTO[];
  @ApiProperty({ type: [DroppedPortDTO] }) droppedPorts: DroppedPortDTO[];
  @ApiProperty({ type: [String], description: 'What changes or is not carried for this server' }) notes: string[];
  @ApiProperty({ nullable: true, type: String }) error: string | null;
}

export class ImportReportDTO {
  @ApiProperty() dryRun: boolean;
  @ApiProperty() panelUrl: string;
  @ApiProperty({ format: 'uuid' }) nodeId: string;
  @ApiProperty({ type: [String], description: 'What an import never carries (the server data itself among it)' }) notCarried: string[];
  @ApiProperty({ type: [ImportServerReportDTO] }) servers: ImportServerReportDTO[];
}
