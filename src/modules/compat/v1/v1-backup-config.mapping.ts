import type { BackupConfigCreateDTO, BackupConfigOutputDTO, BackupConfigUpdateDTO, BackupTargetOutputDTO } from '../../backup/config/dto/backup-config.dto';
import type { V1BackupConfigCreateInputDTO, V1BackupConfigDTO, V1BackupConfigUpdateInputDTO, V1BackupTargetDTO } from './v1-backup-config.dto';

/** Backup storage configurations ↔ the `/v1` dialect. Credentials go in only: no reply has them. Pure functions. */

const iso = (d: Date | string): string => new Date(d).toISOString();

function fields(b: V1BackupConfigUpdateInputDTO): BackupConfigUpdateDTO {
  return {
    name: b.name,
    endpoint: b.endpoint,
    region: b.region,
    bucket: b.bucket,
    prefix: b.prefix,
    forcePathStyle: b.force_path_style,
    accessKeyId: b.access_key_id,
    secretAccessKey: b.secret_access_key,
    maxBackupsPerServer: b.max_backups_per_server,
    keepLast: b.keep_last,
    maxAgeDays: b.max_age_days,
  };
}

export function toBackupConfigCreate(b: V1BackupConfigCreateInputDTO): BackupConfigCreateDTO {
  return { ...fields(b), name: b.name, kind: b.kind ?? 's3', activate: b.activate };
}

export function toBackupConfigUpdate(b: V1BackupConfigUpdateInputDTO): BackupConfigUpdateDTO {
  return fields(b);
}

/** Field by field (never a spread): a credential added to Outpost's DTO one day would not leak here. */
export function toBackupConfig(c: BackupConfigOutputDTO): V1BackupConfigDTO {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    active: c.active,
    endpoint: c.endpoint,
    region: c.region,
    bucket: c.bucket,
    prefix: c.prefix,
    force_path_style: c.forcePathStyle,
    has_credentials: c.hasCredentials,
    access_key_id_last4: c.accessKeyIdLast4,
    max_backups_per_server: c.maxBackupsPerServer,
    keep_last: c.keepLast,
    max_age_days: c.maxAgeDays,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
  };
}

export function toBackupTarget(t: BackupTargetOutputDTO): V1BackupTargetDTO {
  return {
    config_id: t.configId,
    kind: t.kind,
    max_backups_per_server: t.maxBackupsPerServer,
    keep_last: t.keepLast,
    max_age_days: t.maxAgeDays,
    config: t.config ? toBackupConfig(t.config) : null,
  };
}
