import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';

export const STARTUP_MAX = 4096;
export const STARTUP_NEXT_START = 'Startup changes take effect at the next start: the container is made again (files are kept).';

export class StartupImageDTO {
  @ApiProperty() label: string;
  @ApiProperty() ref: string;
}

export class StartupVariableDTO {
  @ApiProperty() envVariable: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: "The template's rules, e.g. required|string|max:20" }) rules: string;
  @ApiProperty({ description: 'The current value (the default when unset)' }) value: string;
  @ApiProperty() defaultValue: string;
  @ApiProperty({ description: 'Whether the caller may change it' }) editable: boolean;
  @ApiProperty({ description: 'Hidden from users without workloads.manage; masked in the preview' }) secret: boolean;
}

export class StartupOutputDTO {
  @ApiProperty({ description: 'The startup command the server uses, with {{VARIABLE}} placeholders' }) startup: string;
  @ApiProperty({ description: "The template's startup command" }) templateStartup: string;
  @ApiProperty({ description: "Whether the server has its own command (false: it follows the template's)" }) custom: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The command with placeholders filled; secret values are masked' }) resolved: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the command cannot be resolved' }) resolveError: string | null;
  @ApiProperty() image: string;
  @ApiProperty({ type: [StartupImageDTO], description: "The template's images: the only ones a server may use" }) images: StartupImageDTO[];
  @ApiProperty({ type: [StartupVariableDTO], description: 'Variables the caller may see' }) variables: StartupVariableDTO[];
  @ApiProperty({ description: 'The container predates a change: the next start makes it again' }) restartRequired: boolean;
  @ApiProperty() note: string;
}

export class StartupUpdateDTO {
  @ApiPropertyOptional({ maxLength: STARTUP_MAX, description: "The server's own startup command; {{VARIABLE}} placeholders must name the template's variables" })
  @IsOptional()
  @IsString()
  @Length(1, STARTUP_MAX, { message: `The startup command must be between 1 and ${STARTUP_MAX} characters` })
  @Matches(/^[^\u0000]*$/, { message: 'The startup command cannot contain NUL characters' })
  startup?: string;
  @ApiPropertyOptional({ description: "One of the template's images" }) @IsOptional() @IsString() @Length(1, 255) image?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: "Template variables by env name (the template's rules apply)" })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}
