/**
 * Pure rules of git deploy: which repository URLs, branch names and directories are accepted,
 * how repository URLs are compared (webhook payload ↔ configuration), and how secrets are kept
 * out of error text. No I/O here.
 */

export const GIT_SCHEMES = ['https:', 'http:', 'git:'] as const;
export const MAX_GIT_URL = 2048;
export const MAX_BRANCH = 255;
export const MAX_DIRECTORY = 1024;

/** Why a repository URL is refused, or null. Only http(s) and git:// — never file://, ssh, ext::, local paths or option-like text. */
export function gitUrlProblem(raw: string): string | null {
  if (raw.length === 0 || raw.length > MAX_GIT_URL) return `url must be 1 to ${MAX_GIT_URL} characters`;
  if (raw.startsWith('-')) return 'url must not start with "-"';
  if (/[\s\x00-\x1f\x7f]/.test(raw)) return 'url must not contain spaces or control characters';
  if (/^[a-z][a-z0-9+.-]*::/i.test(raw)) return 'git remote helpers (<transport>::<address>) are not allowed';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http(s):// or git:// URL (local paths are not allowed)';
  }
  if (!(GIT_SCHEMES as readonly string[]).includes(url.protocol)) return `the scheme ${url.protocol.replace(/:$/, '')} is not allowed (allowed: https, http, git)`;
  if (!url.hostname) return 'url has no host';
  if (url.username || url.password) return 'url must not contain credentials; set the access token instead';
  if (url.search || url.hash) return 'url must not have a query or fragment';
  return null;
}

/**
 * Why a branch name is refused (git check-ref-format rules for a branch, plus no leading "-"),
 * or null.
 */
export function branchProblem(name: string): string | null {
  if (name.length === 0 || name.length > MAX_BRANCH) return `branch must be 1 to ${MAX_BRANCH} characters`;
  if (name.startsWith('-')) return 'branch must not start with "-"';
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return 'branch must not contain spaces, control characters or any of ~ ^ : ? * [ \\';
  if (name.includes('..')) return 'branch must not contain ".."';
  if (name.includes('@{') || name === '@') return 'branch must not be "@" or contain "@{"';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return 'branch must not start or end with "/" or contain "//"';
  if (name.endsWith('.')) return 'branch must not end with "."';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return 'no part of a branch may start with "."';
    if (part.endsWith('.lock')) return 'no part of a branch may end with ".lock"';
  }
  return null;
}

/**
 * A relative directory ('' = the root), normalised (no "./", no trailing "/"), or the reason it
 * is refused: no "..", no absolute paths, no parts starting with "-", no ".git".
 */
export function relativeDirectory(raw: string, what: string): { value: string } | { problem: string } {
  if (raw.length > MAX_DIRECTORY) return { problem: `${what} must be at most ${MAX_DIRECTORY} characters` };
  if (/[\x00-\x1f\x7f\\]/.test(raw)) return { problem: `${what} must not contain control characters or "\\"` };
  if (raw.startsWith('/')) return { problem: `${what} must be relative (no leading "/")` };
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  for (const part of parts) {
    if (part === '..') return { problem: `${what} must not contain ".."` };
    if (part.startsWith('-')) return { problem: `no part of ${what} may start with "-"` };
    if (part.toLowerCase() === '.git') return { problem: `${what} must not name ".git"` };
  }
  return { value: parts.join('/') };
}

const DEFAULT_PORTS: Record<string, string> = { 'https:': '443', 'http:': '80', 'git:': '9418', 'ssh:': '22' };

/**
 * A repository URL as compared between a webhook payload and a configuration: host (lower case)
 * and non-default port, and path without credentials, ".git" or a trailing "/". The scheme is left
 * out so the https clone URL and the git:// or ssh URL of one repository compare equal.
 * Accepts scp-like ssh addresses (git@host:owner/repo.git). Null for anything else.
 */
export function repositoryKey(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_GIT_URL) return null;
  const scp = /^[^@/\s]+@([^:/\s]+):(?!\/)(.+)$/.exec(raw);
  let host: string;
  let path: string;
  if (scp) {
    host = scp[1].toLowerCase();
    path = scp[2];
  } else {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return null;
    }
    if (!url.hostname) return null;
    host = url.hostname.toLowerCase() + (url.port && url.port !== DEFAULT_PORTS[url.protocol] ? `:${url.port}` : '');
    path = url.pathname;
  }
  path = path
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .replace(/\/+$/, '')
    .replace(/^\/+/, '');
  return path ? `${host}/${path}` : null;
}

/** The branch a push ref names (refs/heads/<b>), or null (tags, other refs). */
export function branchOfRef(ref: unknown): string | null {
  return typeof ref === 'string' && ref.startsWith('refs/heads/') && ref.length > 'refs/heads/'.length ? ref.slice('refs/heads/'.length) : null;
}

/** Removes every occurrence of the secrets (and their base64 forms, as in a Basic header) from text. */
export function scrub(text: string, secrets: Array<string | null | undefined>): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    // Longest first: a shorter form can be a part of a longer one.
    const forms = [Buffer.from(`x-access-token:${s}`).toString('base64'), Buffer.from(s).toString('base64'), s].sort((a, b) => b.length - a.length);
    for (const form of forms) out = out.split(form).join('***');
  }
  return out;
}
