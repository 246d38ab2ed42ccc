import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What `outpost login` stores: the API, the credentials and the selected domain. */
export interface StoredConfig {
  url?: string;
  token?: string;
  refreshToken?: string;
  domain?: string;
}

/** `$OUTPOST_CONFIG_DIR`, else `$XDG_CONFIG_HOME/outpost`, else `~/.config/outpost`. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OUTPOST_CONFIG_DIR) return env.OUTPOST_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'outpost');
}

function readJson<T>(file: string, fallback: T): T {
  if (!existsSync(file)) return fallback;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    // A corrupt file is treated as absent: the next write replaces it.
    return fallback;
  }
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file; credentials stay 0600 in a 0700 directory. */
function writeJson(file: string, value: unknown): void {
  const dir = configDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

const configFile = () => join(configDir(), 'config.json');
const uploadsFile = () => join(configDir(), 'uploads.json');

export function loadConfig(): StoredConfig {
  return readJson<StoredConfig>(configFile(), {});
}

export function saveConfig(config: StoredConfig): void {
  writeJson(configFile(), config);
}

export function updateConfig(change: Partial<StoredConfig>): StoredConfig {
  const next = { ...loadConfig(), ...change };
  for (const key of Object.keys(next) as (keyof StoredConfig)[]) if (next[key] === undefined) delete next[key];
  saveConfig(next);
  return next;
}

export function removeConfigFile(): void {
  rmSync(configFile(), { force: true });
}

// ───────────── resumable uploads ─────────────

interface UploadRecord {
  url: string;
  createdAt: string;
}

/** One upload is the same upload only for the same server, remote path and local file (size and mtime). */
export function uploadKey(serverId: string, remotePath: string, size: number, mtimeMs: number): string {
  return createHash('sha256')
    .update(JSON.stringify([serverId, remotePath, size, Math.trunc(mtimeMs)]))
    .digest('hex');
}

export function findUpload(key: string): string | undefined {
  return readJson<Record<string, UploadRecord>>(uploadsFile(), {})[key]?.url;
}

export function rememberUpload(key: string, url: string): void {
  const all = readJson<Record<string, UploadRecord>>(uploadsFile(), {});
  all[key] = { url, createdAt: new Date().toISOString() };
  writeJson(uploadsFile(), all);
}

export function forgetUpload(key: string): void {
  const all = readJson<Record<string, UploadRecord>>(uploadsFile(), {});
  if (!(key in all)) return;
  delete all[key];
  writeJson(uploadsFile(), all);
}
