import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { TrimmedName } from '../../../core/http/trimmed';
import { SYNC_STATUSES, SYNC_TRIGGERS, SyncStatus, SyncTrigger, WEBHOOK_OUTCOMES, WEBHOOK_PROVIDERS, WebhookOutcome, WebhookProvider, WebhookToken } from '../entities/deploy.entity';
import { branchProblem, gitUrlProblem, MAX_BRANCH, MAX_DIRECTORY, MAX_GIT_URL, relativeDirectory } from '../git-rules';

/** A class-validator rule from one of the pure git rules (the rule's sentence is the message). */
function GitRule(name: string, problem: (value: string) => string | null, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && problem(value) === null,
        defaultMessage: (args) => (typeof args?.value === 'string' ? (problem(args.value) ?? `${args.property} is not valid`) : `${args?.property} must be a string`),
      },
    },
    options,
  );
}

const dirProblem = (what: string) => (value: string) => {
  const r = relativeDirectory(value, what);
  return 'problem' in r ? r.problem : null;
};

export class GitDeployInputDTO {
  @ApiProperty({
    maxLength: MAX_GIT_URL,
    description: 'Repository URL: https://, http:// or git:// only (no file://, ssh, local paths, credentials)',
    example: 'https://github.com/acme/server-config.git',
  })
  @IsString()
  @MaxLength(MAX_GIT_URL)
  @GitRule('gitUrl', gitUrlProblem)
  url: string;

  @ApiProperty({ maxLength: MAX_BRANCH, example: 'main' })
  @IsString()
  @MaxLength(MAX_BRANCH)
  @GitRule('gitBranch', branchProblem)
  branch: string;

  @ApiPropertyOptional({ maxLength: MAX_DIRECTORY, default: '', description: "Directory of the repository to deploy ('' = the repository root)" })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DIRECTORY)
  @GitRule('gitSubdirectory', dirProblem('subdirectory'))
  subdirectory?: string;

  @ApiPropertyOptional({
    maxLength: MAX_DIRECTORY,
    default: '',
    description: "Directory of the server's data it is deployed into ('' = the server root); files of the same path are overwritten, others are left alone",
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DIRECTORY)
  @GitRule('gitTargetDirectory', dirProblem('targetDirectory'))
  targetDirectory?: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    nullable: true,
    type: String,
    description: 'HTTPS access token (sent as Basic x-access-token:<token>), stored encrypted and never returned. Omitted: kept if the URL stays the same, dropped otherwise; null or "": removed.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  token?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Stop the server before a sync (if it runs) and start it again afterwards' })
  @IsOptional()
  @IsBoolean()
  restartOnSync?: boolean;

  @ApiPropertyOptional({ default: true, description: 'Pushes announced by incoming webhooks sync this server' })
  @IsOptional()
  @IsBoolean()
  autoDeploy?: boolean;
}

export class GitSyncOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) serverId: string;
  @Expose() @ApiProperty({ enum: SYNC_TRIGGERS }) trigger: SyncTrigger;
  @Expose() @ApiProperty({ enum: SYNC_STATUSES }) status: SyncStatus;
  @Expose() @ApiProperty({ nullable: true, type: String, description: 'The commit deployed (sha)' }) commit: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String, description: "The commit's subject line" }) commitMessage: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) error: string | null;
  @Expose() @ApiProperty() startedAt: Date;
  @Expose() @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
}

export class GitDeployConfigDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) serverId: string;
  @Expose() @ApiProperty() url: string;
  @Expose() @ApiProperty() branch: string;
  @Expose() @ApiProperty() subdirectory: string;
  @Expose() @ApiProperty() targetDirectory: string;
  @Expose() @ApiProperty({ description: 'Whether an access token is stored (it is never returned)' }) hasToken: boolean;
  @Expose() @ApiProperty() restartOnSync: boolean;
  @Expose() @ApiProperty() autoDeploy: boolean;
  @Expose() @ApiProperty({ nullable: true, type: String }) lastCommit: string | null;
  @Expose() @ApiProperty({ nullable: true, type: Date }) lastSyncAt: Date | null;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty() updatedAt: Date;
}

export class GitDeployOutputDTO {
  @Expose() @Type(() => GitDeployConfigDTO) @ApiProperty({ type: GitDeployConfigDTO, nullable: true, description: 'null: the server tracks no repository' }) config: GitDeployConfigDTO | null;
  @Expose() @Type(() => GitSyncOutputDTO) @ApiProperty({ type: GitSyncOutputDTO, nullable: true }) lastSync: GitSyncOutputDTO | null;
}

export class GitSyncStartedDTO {
  @ApiProperty({ format: 'uuid', description: 'The sync, running in the background: poll GET /gameserver/:id/git' }) syncId: string;
}

export class WebhookTokenCreateDTO {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @TrimmedName(100) name: string;
}

export class WebhookTokenOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) domainId: string;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty({ nullable: true, type: Date }) lastUsedAt: Date | null;
  @Expose() @ApiProperty({ description: 'Payload URL for GitHub (content type application/json; the secret is the HMAC secret)' }) githubUrl: string;
  @Expose() @ApiProperty({ description: 'URL for GitLab (the secret is the "Secret token")' }) gitlabUrl: string;
}

export class WebhookTokenCreatedDTO extends WebhookTokenOutputDTO {
  @Expose() @ApiProperty({ description: 'Shown once: GitHub webhook secret / GitLab secret token' }) secret: string;
}

export class WebhookEventOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) tokenId: string;
  @Expose() @ApiProperty({ enum: WEBHOOK_PROVIDERS }) provider: WebhookProvider;
  @Expose() @ApiProperty({ nullable: true, type: String }) event: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) repository: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) branch: string | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) commit: string | null;
  @Expose() @ApiProperty({ enum: WEBHOOK_OUTCOMES }) outcome: WebhookOutcome;
  @Expose() @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @Expose() @ApiProperty() createdAt: Date;
}

export class WebhookReceiptDTO {
  @ApiProperty({ enum: ['synced', 'ignored'] }) outcome: 'synced' | 'ignored';
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ type: [String], description: 'Syncs started by this push' }) syncIds: string[];
}

export const WEBHOOK_TOKEN_SEARCH: SearchSpec<WebhookToken> = {
  name: 'WebhookToken',
  entity: WebhookToken,
  fields: {
    id: { type: 'uuid', filter: true },
    name: { type: 'string', filter: true, search: true, sort: true },
    createdAt: { type: 'date', sort: true, range: true },
    lastUsedAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class WebhookTokenSearchInputDTO extends createSearchInput(WEBHOOK_TOKEN_SEARCH) {}
