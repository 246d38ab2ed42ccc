import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AllocationOutputDTO } from './gameserver.dto';

/** At most this many ports per server: a node's range is shared by every server on it. */
export const MAX_ALLOCATIONS_PER_SERVER = 20;
export const ALLOCATION_NOTES_MAX = 256;
/** What every change to the port set answers with, and what the dashboard shows. */
export const PORTS_NEXT_START = 'Port changes take effect at the next start: the container is made again with the new ports (files are kept).';

const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;

export class AllocationCreateDTO {
  @ApiPropertyOptional({ minimum: 1024, maximum: 65535, description: "A free port of the node's range; omit for the first free one" })
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(65535)
  port?: number;
  @ApiPropertyOptional({ enum: ['tcp', 'udp'], default: 'tcp' }) @IsOptional() @IsIn(['tcp', 'udp']) protocol?: 'tcp' | 'udp';
  @ApiPropertyOptional({ minimum: 1, maximum: 65535, description: 'Port inside the container; default: the same as the host port' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  containerPort?: number;
  @ApiPropertyOptional({ maxLength: ALLOCATION_NOTES_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(ALLOCATION_NOTES_MAX, { message: `Notes can be at most ${ALLOCATION_NOTES_MAX} characters` })
  @Matches(NO_CONTROL_CHARS, { message: 'Notes must be a single line of text' })
  notes?: string;
}

export class AllocationUpdateDTO {
  @ApiProperty({ maxLength: ALLOCATION_NOTES_MAX })
  @IsString()
  @MaxLength(ALLOCATION_NOTES_MAX, { message: `Notes can be at most ${ALLOCATION_NOTES_MAX} characters` })
  @Matches(NO_CONTROL_CHARS, { message: 'Notes must be a single line of text' })
  notes: string;
}

export class AllocationListOutputDTO {
  @Expose() @Type(() => AllocationOutputDTO) @ApiProperty({ type: [AllocationOutputDTO], description: 'Primary first, then by port' }) allocations: AllocationOutputDTO[];
  @Expose() @ApiProperty({ description: "Address of the server's node" }) address: string;
  @Expose() @ApiProperty() portRangeStart: number;
  @Expose() @ApiProperty() portRangeEnd: number;
  @Expose() @ApiProperty({ description: 'Most ports a server may have' }) limit: number;
  @Expose() @ApiProperty({ description: 'The container predates a change (ports, startup or image): the next start makes it again' }) restartRequired: boolean;
  @Expose() @ApiProperty({ description: 'When port changes take effect' }) note: string;
}
