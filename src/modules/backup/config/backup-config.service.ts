import { Injectable } from '@nestjs/common';
import { AppError } from '../../../core/errors/app-error';
import { Paged } from '../../../core/http/envelope';
import { toOutput } from '../../../core/http/output';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId } from '@libs/tenancy/domain-id';
import { BackupConfigRepository } from './backup-config.repository';
import { S3BackupStorage, targetOf } from './backup-storage.service';
import { BackupConfig } from './entities/backup-config.entity';
import { BACKUP_CONFIG_SEARCH, BackupConfigCreateDTO, BackupConfigOutputDTO, BackupConfigTestOutputDTO, BackupConfigUpdateDTO, BackupTargetOutputDTO } from './dto/backup-config.dto';
import { probeS3 } from './s3-client';

const S3_ONLY = ['endpoint', 'region', 'bucket', 'prefix', 'forcePathStyle', 'accessKeyId', 'secretAccessKey'] as const;
/** Where signed requests go: changing any of these needs the credentials again (the stored ones are never sent to a new place). */
const ROUTING = ['endpoint', 'region', 'bucket', 'forcePathStyle'] as const;
/** Where existing archives are found (their object keys are relative to these): fixed while backups refer to the config. */
const LOCATION = ['endpoint', 'bucket', 'prefix'] as const;

function invalid(path: string, message: string): AppError {
  return AppError.validation(message, [{ path, code: 'invalid', message }]);
}

/** Last 4 characters of a key id (the whole hint is never longer than that). */
function hintOf(accessKeyId: string): string {
  return accessKeyId.slice(-4);
}

/** Backup storage configurations of a domain: CRUD, the one active target, test connection. */
@Injectable()
export class BackupConfigService {
  constructor(
    private readonly configs: BackupConfigRepository,
    private readonly storage: S3BackupStorage,
  ) {}

  private output(c: BackupConfig): BackupConfigOutputDTO {
    return toOutput(BackupConfigOutputDTO, { ...c, hasCredentials: c.accessKeyIdHint !== null, accessKeyIdLast4: c.accessKeyIdHint });
  }

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<BackupConfigOutputDTO>> {
    const r = await new SearchEngine(BACKUP_CONFIG_SEARCH).execute(this.configs.queryBuilder(domainId, 'c'), 'c', query);
    return new Paged(
      r.items.map((c) => this.output(c)),
      r.total,
      r.page,
      r.limit,
    );
  }

  async get(domainId: DomainId, id: string): Promise<BackupConfigOutputDTO> {
    const c = await this.configs.findById(domainId, id);
    if (!c) throw AppError.notFound('Backup configuration');
    return this.output(c);
  }

  /** The effective target for new backups, also when nothing is configured. */
  async active(domainId: DomainId): Promise<BackupTargetOutputDTO> {
    const c = await this.configs.findActive(domainId);
    return { ...targetOf(c), config: c ? this.output(c) : null };
  }

  async create(domainId: DomainId, input: BackupConfigCreateDTO): Promise<BackupConfigOutputDTO> {
    if (input.kind === 'local') {
      const stray = S3_ONLY.find((f) => input[f] !== undefined);
      if (stray) throw invalid(stray, `${stray} applies to S3 targets only`);
    } else {
      for (const f of ['bucket', 'accessKeyId', 'secretAccessKey'] as const) if (input[f] === undefined) throw invalid(f, `${f} is required for an S3 target`);
    }
    const row = await this.configs.insert(domainId, {
      name: input.name,
      kind: input.kind,
      active: false,
      endpoint: input.endpoint ?? null,
      region: input.kind === 's3' ? (input.region ?? null) : null,
      bucket: input.bucket ?? null,
      prefix: input.prefix ?? '',
      forcePathStyle: input.forcePathStyle ?? false,
      ...this.sealedCredentials(input.accessKeyId, input.secretAccessKey),
      maxBackupsPerServer: input.maxBackupsPerServer ?? 10,
      keepLast: input.keepLast ?? null,
      maxAgeDays: input.maxAgeDays ?? null,
    });
    if (input.activate) return this.activate(domainId, row.id);
    return this.output(row);
  }

  private sealedCredentials(accessKeyId: string | undefined, secretAccessKey: string | undefined) {
    if (accessKeyId === undefined || secretAccessKey === undefined) return {};
    return { accessKeyIdHint: hintOf(accessKeyId), accessKeyIdSealed: this.storage.seal(accessKeyId), secretAccessKeySealed: this.storage.seal(secretAccessKey) };
  }

  /**
   * Omitted fields are kept; credentials are replaced only as a pair. Changing where requests go
   * (endpoint, region, bucket, path style) needs the credentials in the same request (400), and
   * changing where archives are (endpoint, bucket, prefix) is refused while backups refer to it (409).
   */
  async update(domainId: DomainId, id: string, input: BackupConfigUpdateDTO): Promise<BackupConfigOutputDTO> {
    const current = await this.configs.findById(domainId, id);
    if (!current) throw AppError.notFound('Backup configuration');
    if (current.kind === 'local') {
      const stray = S3_ONLY.find((f) => input[f] !== undefined);
      if (stray) throw invalid(stray, `${stray} applies to S3 targets only`);
    }
    if ((input.accessKeyId === undefined) !== (input.secretAccessKey === undefined)) {
      const missing = input.accessKeyId === undefined ? 'accessKeyId' : 'secretAccessKey';
      throw invalid(missing, 'accessKeyId and secretAccessKey are replaced together');
    }
    const changed = (f: (typeof S3_ONLY)[number]) => input[f] !== undefined && input[f] !== current[f as keyof BackupConfig];
    const rerouted = ROUTING.filter(changed);
    if (rerouted.length && input.accessKeyId === undefined) {
      const message = `Changing ${rerouted.join(', ')} needs accessKeyId and secretAccessKey in the same request: the stored credentials are never sent to a new destination`;
      throw AppError.validation(message, [
        { path: 'accessKeyId', code: 'required', message },
        { path: 'secretAccessKey', code: 'required', message },
      ]);
    }
    const patch: Partial<BackupConfig> & { accessKeyIdSealed?: string; secretAccessKeySealed?: string } = {
      ...this.sealedCredentials(input.accessKeyId, input.secretAccessKey),
    };
    for (const f of ['name', 'endpoint', 'region', 'bucket', 'prefix', 'forcePathStyle', 'maxBackupsPerServer', 'keepLast', 'maxAgeDays'] as const) {
      if (input[f] !== undefined) (patch as Record<string, unknown>)[f] = input[f];
    }
    const moved = LOCATION.filter(changed);
    if (moved.length) {
      // One statement: a backup made meanwhile either blocks the change or is made with the new settings.
      if (!(await this.configs.updateUnreferenced(domainId, id, patch))) {
        if (!(await this.configs.findById(domainId, id))) throw AppError.notFound('Backup configuration');
        throw AppError.conflict(
          `Backups are stored with this configuration: its ${moved.join(', ')} cannot change while they exist (their archives would no longer be found); create a new configuration instead`,
          {
            fields: moved,
          },
        );
      }
    } else if (!(await this.configs.update(domainId, id, patch))) throw AppError.notFound('Backup configuration');
    this.storage.forget(id);
    const row = await this.configs.findById(domainId, id);
    if (!row) throw AppError.notFound('Backup configuration');
    return this.output(row);
  }

  /** Refused with 409 while backups still refer to it (their foreign key restricts the delete). */
  async remove(domainId: DomainId, id: string): Promise<void> {
    if (!(await this.configs.delete(domainId, id))) throw AppError.notFound('Backup configuration');
    this.storage.forget(id);
  }

  /** A switch: the domain's previously active configuration is deactivated. */
  async activate(domainId: DomainId, id: string): Promise<BackupConfigOutputDTO> {
    const row = await this.configs.activate(domainId, id);
    if (!row) throw AppError.notFound('Backup configuration');
    return this.output(row);
  }

  /** Never throws for an unreachable or refusing storage service: ok:false with a safe summary (no text from the service). */
  async test(domainId: DomainId, id: string): Promise<BackupConfigTestOutputDTO> {
    const c = await this.configs.findWithSecrets(domainId, id);
    if (!c) throw AppError.notFound('Backup configuration');
    if (c.kind === 'local') return { ok: true, message: "Local target: backups are stored on each server's node; nothing to connect to" };
    return probeS3(this.storage.settingsOf(c));
  }
}
