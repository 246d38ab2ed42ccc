import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** s3rver ships no types: the part of its API the tests use. */
interface S3rverInstance {
  httpServer?: Server;
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as S3rverClass;

/** The key pair s3rver accepts (it verifies request signatures against it). */
export const S3RVER_ACCESS_KEY_ID = 'S3RVER';
export const S3RVER_SECRET_ACCESS_KEY = 'S3RVER';

export interface S3TestServer {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  port: number;
  bucket: string;
  /** Where s3rver keeps its objects (a temp directory, removed by stop()). */
  directory: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Every request received, as `METHOD /path?query`, in order (to see multipart parts and aborts). */
  requests: string[];
  /** A create body for POST /backup-config pointing at this server. */
  configBody(extra?: Record<string, unknown>): Record<string, unknown>;
  stop(): Promise<void>;
}

/**
 * A real S3-compatible server (s3rver) on 127.0.0.1, on a free port, storing in a temp
 * directory, with `bucket` created. Use path-style addressing (forcePathStyle) against it.
 */
export async function startS3Server(bucket = 'outpost-test'): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'outpost-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] });
  let port: number;
  try {
    ({ port } = await server.run());
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const requests: string[] = [];
  server.httpServer?.prependListener('request', (req: IncomingMessage) => requests.push(`${req.method} ${req.url}`));
  return {
    requests,
    endpoint,
    port,
    bucket,
    directory,
    accessKeyId: S3RVER_ACCESS_KEY_ID,
    secretAccessKey: S3RVER_SECRET_ACCESS_KEY,
    configBody: (extra = {}) => ({
      name: 'local s3rver',
      kind: 's3',
      endpoint,
      region: 'us-east-1',
      bucket,
      forcePathStyle: true,
      accessKeyId: S3RVER_ACCESS_KEY_ID,
      secretAccessKey: S3RVER_SECRET_ACCESS_KEY,
      ...extra,
    }),
    async stop() {
      // SDK clients keep sockets alive; close() would wait for them.
      server.httpServer?.closeAllConnections();
      await server.close().catch(() => undefined);
      await rm(directory, { recursive: true, force: true });
    },
  };
}
