/**
 * Turns the token the operator gave the agent into an agent token (registering when needed) and
 * persists the result in `<dataDir>/agent.json` (mode 0600).
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AGENT_REGISTER_PATH, AGENT_TOKEN_PREFIX, REGISTER_TOKEN_PREFIX } from '@libs/agent-protocol/protocol';
import { sha256 } from '../core/crypto/hash';
import type { AgentLogger } from './logger';

export interface AgentCredentials {
  nodeId?: string;
  agentToken: string;
}

interface SavedRegistration {
  nodeId: string;
  agentToken: string;
  /** sha256 of the register token that produced this registration. */
  registerTokenHash?: string;
  registeredAt: string;
}

export class RegistrationError extends Error {
  constructor(
    message: string,
    /** False for rejections (bad/used token): retrying would not help. */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'RegistrationError';
  }
}

export function credentialsPath(dataDir: string): string {
  return join(dataDir, 'agent.json');
}

async function readSaved(dataDir: string): Promise<SavedRegistration | null> {
  try {
    const v = JSON.parse(await fs.readFile(credentialsPath(dataDir), 'utf8')) as Partial<SavedRegistration>;
    return typeof v.agentToken === 'string' && typeof v.nodeId === 'string' ? (v as SavedRegistration) : null;
  } catch {
    return null;
  }
}

async function save(dataDir: string, reg: SavedRegistration): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true });
  const file = credentialsPath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  // Written under a temp name then renamed: a crash mid-write never leaves a truncated agent.json.
  await fs.writeFile(tmp, JSON.stringify(reg, null, 2) + '\n', { mode: 0o600 });
  await fs.chmod(tmp, 0o600);
  await fs.rename(tmp, file);
}

export interface ResolveOptions {
  url: string;
  token?: string;
  dataDir: string;
  hostname: string;
  agentVersion: string;
  logger: AgentLogger;
}

/**
 * Rules:
 * - `outpost_agent_…`: used as is (nodeId from agent.json only when it was saved for this token).
 * - `outpost_reg_…`: one-time. If agent.json was produced by this same register token, it wins:
 *   the operator restarted the agent with an unchanged command line/unit file, and the register
 *   token is already spent. A different register token means the machine is deliberately being
 *   enrolled again, so we register and overwrite agent.json. Only a hash is stored: the register
 *   token is dead after use, but there is no reason to keep it readable.
 * - no token: agent.json must exist.
 */
export async function resolveCredentials(o: ResolveOptions): Promise<AgentCredentials> {
  const saved = await readSaved(o.dataDir);
  const token = o.token?.trim();
  if (!token) {
    if (!saved) throw new RegistrationError(`no token given and no ${credentialsPath(o.dataDir)}: pass --token`, false);
    return { nodeId: saved.nodeId, agentToken: saved.agentToken };
  }
  if (token.startsWith(AGENT_TOKEN_PREFIX)) {
    return { nodeId: saved?.agentToken === token ? saved.nodeId : undefined, agentToken: token };
  }
  if (!token.startsWith(REGISTER_TOKEN_PREFIX)) {
    throw new RegistrationError(`unrecognised token: expected ${REGISTER_TOKEN_PREFIX}… or ${AGENT_TOKEN_PREFIX}…`, false);
  }
  const hash = sha256(token);
  if (saved && saved.registerTokenHash === hash) {
    o.logger.info({ nodeId: saved.nodeId }, 'already registered with this register token; using saved agent token');
    return { nodeId: saved.nodeId, agentToken: saved.agentToken };
  }
  const { nodeId, agentToken } = await register(o.url, token, o.hostname, o.agentVersion);
  await save(o.dataDir, { nodeId, agentToken, registerTokenHash: hash, registeredAt: new Date().toISOString() });
  o.logger.info({ nodeId }, 'registered with the control plane');
  return { nodeId, agentToken };
}

async function register(url: string, registerToken: string, hostname: string, agentVersion: string): Promise<{ nodeId: string; agentToken: string }> {
  const endpoint = new URL(AGENT_REGISTER_PATH.slice(1), withTrailingSlash(httpUrl(url))).toString();
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ registerToken, hostname, agentVersion }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new RegistrationError(`register request to ${endpoint} failed: ${(err as Error).message}`, true);
  }
  const text = await res.text().catch(() => '');
  let body: { meta?: { error?: { message?: string; code?: string } }; data?: { nodeId?: unknown; agentToken?: unknown } } = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    // An object envelope; its fields are checked where they are read.
    if (typeof parsed === 'object' && parsed !== null) body = parsed;
  } catch {
    /* non-JSON error page: reported by status below */
  }
  if (!res.ok) {
    const why = body.meta?.error?.message ?? text.slice(0, 200);
    throw new RegistrationError(`register rejected (HTTP ${res.status}): ${why}`, res.status >= 500 || res.status === 429);
  }
  const nodeId = body.data?.nodeId;
  const agentToken = body.data?.agentToken;
  if (typeof nodeId !== 'string' || typeof agentToken !== 'string') {
    throw new RegistrationError('register reply lacks data.nodeId / data.agentToken', false);
  }
  return { nodeId, agentToken };
}

function withTrailingSlash(u: string): string {
  return u.endsWith('/') ? u : `${u}/`;
}

/** Accepts http(s):// or ws(s):// and returns the http(s) form (keeps any path prefix). */
export function httpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//i, 'http$1://');
}

/** The agent socket URL: `ws(s)://<host>[/prefix]/agent/ws`. */
export function wsUrl(url: string, path: string): string {
  const u = new URL(withTrailingSlash(httpUrl(url)));
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return new URL(path.slice(1), u).toString();
}
