import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONFIG_PARSERS,
  STOP_SIGNALS,
  type BackupSettings,
  type ConfigFile,
  type ConfigFileParser,
  type DefinitionFormat,
  type DefinitionSource,
  type InstallScript,
  type PortDefault,
  type ResourceDefaults,
  type StopAction,
  type WorkloadDefinition,
  type WorkloadImage,
  type WorkloadVariable,
} from '../definition/workload-definition';

/**
 * The OpenAPI schema of a workload definition, so the generated client types it. The shape and its
 * validation live in ../definition/workload-definition.ts (validateDefinition); these classes only
 * document it, and the assertions at the bottom keep them the same type at compile time.
 */

const DEFINITION_FORMATS: DefinitionFormat[] = ['PTDL_v1', 'PTDL_v2', 'PLCN_v1', 'PLCN_v2', 'PLCN_v3', 'outpost'];

export class WorkloadVariableDTO implements WorkloadVariable {
  @ApiProperty({ description: 'Human label ("Server Jar File")' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Environment variable name; also the {{NAME}} placeholder in the startup command', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,190}$' })
  envVariable: string;
  @ApiProperty() defaultValue: string;
  @ApiProperty() userViewable: boolean;
  @ApiProperty() userEditable: boolean;
  @ApiProperty({ description: "Laravel-style rules as in eggs, '|'-separated: 'required|string|max:20', 'regex:/^x$/'" }) rules: string;
  @ApiProperty({ enum: ['text'] }) fieldType: 'text';
}

export class WorkloadImageDTO implements WorkloadImage {
  @ApiProperty() label: string;
  @ApiProperty({ description: 'Image reference, e.g. ghcr.io/pterodactyl/yolks:java_21' }) ref: string;
}

export class StartupAlternativeDTO {
  @ApiProperty() label: string;
  @ApiProperty() command: string;
}

export class StopActionDTO implements StopAction {
  @ApiProperty({ enum: ['command', 'signal'] }) type: 'command' | 'signal';
  @ApiProperty({ description: `A console line for "command"; for "signal" one of ${STOP_SIGNALS.join(', ')}` }) value: string;
}

export class ConfigFileDTO implements ConfigFile {
  @ApiProperty({ description: "Path relative to the server's data directory" }) file: string;
  @ApiProperty({ enum: CONFIG_PARSERS }) parser: ConfigFileParser;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Key (or line, for "file") → replacement; values may hold {{server.build.default.port}}-style placeholders' })
  find: Record<string, unknown>;
}

export class InstallScriptDTO implements InstallScript {
  @ApiProperty({ description: 'Image the install script runs in' }) image: string;
  @ApiProperty({ description: 'Interpreter, e.g. ash or bash' }) entrypoint: string;
  @ApiProperty({ description: 'Script text, LF line endings' }) script: string;
}

export class PortDefaultDTO implements PortDefault {
  @ApiProperty({ description: 'Unique within the definition', pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' }) name: string;
  @ApiProperty({ minimum: 0, maximum: 65535, description: '0: the same as the allocated host port (the server binds SERVER_PORT)' }) containerPort: number;
  @ApiProperty({ enum: ['tcp', 'udp'] }) protocol: 'tcp' | 'udp';
}

export class ResourceDefaultsDTO implements ResourceDefaults {
  @ApiProperty({ minimum: 1 }) memoryMiB: number;
  @ApiProperty({ minimum: 1, description: 'Percent of one core (100 = one core)' }) cpuPercent: number;
  @ApiProperty({ minimum: 1 }) diskMiB: number;
  @ApiProperty({ minimum: 1 }) pids: number;
  @ApiProperty({ type: [PortDefaultDTO] }) ports: PortDefaultDTO[];
}

export class DefinitionSourceDTO implements DefinitionSource {
  @ApiProperty({ enum: DEFINITION_FORMATS }) format: DefinitionFormat;
  @ApiPropertyOptional() exportedAt?: string;
  @ApiPropertyOptional({ description: 'Egg uuid (Pelican / Pterodactyl ≥1.x exports)' }) uuid?: string;
  @ApiPropertyOptional({ description: 'meta.update_url of the egg' }) updateUrl?: string;
}

export class BackupSettingsDTO implements BackupSettings {
  @ApiPropertyOptional({ type: [String], maxItems: 100, description: '.gitignore-style patterns never archived (each at most 256 characters)' }) ignore?: string[];
  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Console commands sent before the archive is made, while the server runs (e.g. save-off, save-all flush)' })
  beforeCommands?: string[];
  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Console commands sent after it, also after a failure (e.g. save-on)' }) afterCommands?: string[];
}

export class WorkloadDefinitionDTO implements WorkloadDefinition {
  @ApiProperty({ maxLength: 191 }) name: string;
  @ApiProperty() description: string;
  @ApiPropertyOptional() author?: string;
  @ApiProperty({ type: [WorkloadImageDTO], minItems: 1, description: 'Selectable images; the first is the default' }) images: WorkloadImageDTO[];
  @ApiProperty({ description: 'Default startup command with {{VARIABLE}} placeholders' }) startup: string;
  @ApiPropertyOptional({ type: [StartupAlternativeDTO], description: 'Further named startup commands' }) startupAlternatives?: StartupAlternativeDTO[];
  @ApiProperty({ type: [WorkloadVariableDTO] }) variables: WorkloadVariableDTO[];
  @ApiProperty({ type: StopActionDTO }) stop: StopActionDTO;
  @ApiProperty({ type: [String], description: 'Console substrings meaning "running" (a regex: prefix means a regular expression); empty: running once started' })
  startupDone: string[];
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3_600,
    description: 'Seconds a stop waits for the process to end (after the stop command or signal) before it is killed. Default 30.',
  })
  stopTimeoutSeconds?: number;
  @ApiPropertyOptional({
    minimum: 5,
    maximum: 86_400,
    description: 'Seconds a start waits for a startupDone line; after that the server counts as running, with a reason saying the line never came. Default 300.',
  })
  startTimeoutSeconds?: number;
  @ApiProperty({ type: [ConfigFileDTO] }) configFiles: ConfigFileDTO[];
  @ApiProperty({ type: InstallScriptDTO, nullable: true, description: 'null: no install step' }) install: InstallScriptDTO | null;
  @ApiProperty({ type: ResourceDefaultsDTO }) defaults: ResourceDefaultsDTO;
  @ApiProperty({ type: [String], description: 'Egg features (eula, java_version, pid_limit, ...); unknown ones are ignored' }) features: string[];
  @ApiProperty({ type: [String], description: 'Files the user may not edit through the file manager' }) fileDenylist: string[];
  @ApiPropertyOptional({ type: [String] }) tags?: string[];
  @ApiPropertyOptional({ type: BackupSettingsDTO, description: 'Backups: ignore patterns and console commands around the archive' }) backup?: BackupSettingsDTO;
  @ApiProperty({ type: DefinitionSourceDTO }) source: DefinitionSourceDTO;
}

// `implements` checks each DTO field against the type; this checks that neither side has a field the
// other lacks, so a field added to WorkloadDefinition (or a part of it) fails the build until documented here.
type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : never;
export const DEFINITION_DTO_MATCHES_TYPE: [
  SameKeys<WorkloadDefinitionDTO, WorkloadDefinition>,
  SameKeys<WorkloadVariableDTO, WorkloadVariable>,
  SameKeys<WorkloadImageDTO, WorkloadImage>,
  SameKeys<StartupAlternativeDTO, NonNullable<WorkloadDefinition['startupAlternatives']>[number]>,
  SameKeys<StopActionDTO, StopAction>,
  SameKeys<ConfigFileDTO, ConfigFile>,
  SameKeys<InstallScriptDTO, InstallScript>,
  SameKeys<PortDefaultDTO, PortDefault>,
  SameKeys<ResourceDefaultsDTO, ResourceDefaults>,
  SameKeys<DefinitionSourceDTO, DefinitionSource>,
  SameKeys<BackupSettingsDTO, BackupSettings>,
] = [true, true, true, true, true, true, true, true, true, true, true];
