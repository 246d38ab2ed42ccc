import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/errors/app-error';

/** Where `npm run build` (scripts/bundle-agent.mjs) writes the single-file agent: dist/agent, next to dist/src. */
export const AGENT_BUNDLE_PATH = join(__dirname, '../../../agent/outpost-agent.cjs');
export const AGENT_BUNDLE_NAME = 'outpost-agent.cjs';
export const DEFAULT_AGENT_DATA_DIR = '/var/lib/outpost-agent';

export interface BundleFile {
  bytes: Buffer;
  sha256: string;
  mtimeMs: number;
}

/** The bundled agent as the API serves it: read once, re-read when a rebuild replaces the file. */
@Injectable()
export class AgentBundle {
  private cached?: BundleFile;
  private readonly path = AGENT_BUNDLE_PATH;

  async read(): Promise<BundleFile> {
    let stat: { mtimeMs: number };
    try {
      stat = await fs.stat(this.path);
    } catch {
      throw AppError.notFound('Agent bundle (this API was built without it: run npm run build)');
    }
    if (this.cached?.mtimeMs === stat.mtimeMs) return this.cached;
    const bytes = await fs.readFile(this.path);
    this.cached = { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), mtimeMs: stat.mtimeMs };
    return this.cached;
  }
}
