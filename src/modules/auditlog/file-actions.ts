import type { FastifyRequest } from 'fastify';

/**
 * File routes sit under /gameserver/:id/files, so by controller they would read as `gameserver.remove`
 * (a file delete) — the same action as deleting the server. Each gets its own action instead.
 */
const FILE_ACTIONS: Record<string, string> = {
  'DELETE /gameserver/:id/files': 'files.delete',
  'PUT /gameserver/:id/files/content': 'files.write',
  'POST /gameserver/:id/files/mkdir': 'files.mkdir',
  'POST /gameserver/:id/files/rename': 'files.rename',
  'POST /gameserver/:id/files/copy': 'files.copy',
  'POST /gameserver/:id/files/chmod': 'files.chmod',
  'POST /gameserver/:id/files/compress': 'files.compress',
  'POST /gameserver/:id/files/decompress': 'files.decompress',
  'POST /gameserver/:id/files/download-zip': 'files.download',
  'POST /gameserver/:id/files/upload': 'files.upload',
  'POST /gameserver/:id/files/tus': 'files.upload',
  'DELETE /gameserver/:id/files/tus/:uploadId': 'files.upload_cancel',
};

/** Body and query fields that name files or say what was done to them; never `content`. */
const PATH_KEYS = ['path', 'paths', 'from', 'to', 'archive', 'destination', 'mode', 'format', 'overwrite'] as const;
const MAX_PATHS = 20;
const MAX_PATH_LENGTH = 300;

/** The `files.*` action of a route, or null for routes that are not file routes. */
export function fileAction(method: string, route: string): string | null {
  return FILE_ACTIONS[`${method} ${route}`] ?? (route.startsWith('/gameserver/:id/files') ? `files.${method.toLowerCase()}` : null);
}

/** The paths (bounded: at most 20, each cut to 300 characters) and options of a file action. */
export function fileDetails(req: FastifyRequest, result: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const sources = [req.query, req.body].filter((s): s is Record<string, unknown> => !!s && typeof s === 'object' && !Buffer.isBuffer(s));
  for (const source of sources) {
    for (const key of PATH_KEYS) {
      const v = source[key];
      if (typeof v === 'string') out[key] = v.slice(0, MAX_PATH_LENGTH);
      else if (typeof v === 'boolean') out[key] = v;
      else if (Array.isArray(v)) Object.assign(out, bounded(key, v));
    }
  }
  // Uploads: the reply lists the files written (multipart); a TUS upload names its file in Upload-Metadata.
  if (Array.isArray(result) && result.every((r) => r && typeof r === 'object' && typeof (r as { path?: unknown }).path === 'string')) {
    Object.assign(
      out,
      bounded(
        'paths',
        (result as Array<{ path: string }>).map((r) => r.path),
      ),
    );
  }
  const meta = req.headers['upload-metadata'];
  if (typeof meta === 'string') {
    const m = tusMetadata(meta);
    if (m.filename) out.path = [m.path, m.filename].filter(Boolean).join('/').slice(0, MAX_PATH_LENGTH);
  }
  return out;
}

function bounded(key: string, values: unknown[]): Record<string, unknown> {
  const strings = values.filter((v): v is string => typeof v === 'string');
  const out: Record<string, unknown> = { [key]: strings.slice(0, MAX_PATHS).map((s) => s.slice(0, MAX_PATH_LENGTH)) };
  if (strings.length > MAX_PATHS) out[`${key}Total`] = strings.length;
  return out;
}

/** `key base64,key base64` (the TUS Upload-Metadata header). */
function tusMetadata(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of header.slice(0, 4096).split(',')) {
    const [k, v] = pair.trim().split(' ');
    if (k === 'filename' || k === 'path') out[k] = v ? Buffer.from(v, 'base64').toString('utf8') : '';
  }
  return out;
}
