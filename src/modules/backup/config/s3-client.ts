import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';

/** What an S3 client is built from (credentials in the clear: only ever in memory). */
export interface S3Settings {
  endpoint: string | null;
  region: string | null;
  bucket: string;
  prefix: string;
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
}

export const DEFAULT_REGION = 'us-east-1';
/** Test-connection budget: one attempt per call, no SDK retries, short socket timeouts. */
const PROBE_CONNECT_MS = 3_000;
const PROBE_REQUEST_MS = 5_000;
const PROBE_TOTAL_MS = 15_000;

/**
 * A client for one configuration. Credentials are given explicitly, never taken from the API
 * process's environment (the default provider chain would hand a tenant the instance's keys).
 * Checksums only when required: several S3-compatible servers refuse the SDK's default
 * flexible-checksum headers and aws-chunked trailers.
 */
export function createS3Client(s: S3Settings, opts: { maxAttempts: number; connectionTimeout: number; requestTimeout: number }): S3Client {
  return new S3Client({
    endpoint: s.endpoint ?? undefined,
    region: s.region ?? DEFAULT_REGION,
    forcePathStyle: s.forcePathStyle,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    maxAttempts: opts.maxAttempts,
    requestHandler: { connectionTimeout: opts.connectionTimeout, requestTimeout: opts.requestTimeout },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * S3 error codes (and SDK / network error names) that may be shown as they are. Anything else the
 * storage service answers is "UnknownError": a server can put any text in its error code or
 * message (e.g. the request's Authorization header, encoded), so none of it is echoed.
 */
const KNOWN_ERRORS = new Set([
  'AccessDenied',
  'AccountProblem',
  'AllAccessDisabled',
  'AuthorizationHeaderMalformed',
  'BadDigest',
  'BadRequest',
  'EntityTooLarge',
  'EntityTooSmall',
  'ExpiredToken',
  'Forbidden',
  'InternalError',
  'InvalidAccessKeyId',
  'InvalidArgument',
  'InvalidBucketName',
  'InvalidObjectState',
  'InvalidPart',
  'InvalidRequest',
  'InvalidToken',
  'MethodNotAllowed',
  'MissingContentLength',
  'NoSuchBucket',
  'NoSuchKey',
  'NoSuchUpload',
  'NotFound',
  'NotImplemented',
  'PermanentRedirect',
  'RequestTimeTooSkewed',
  'RequestTimeout',
  'ServiceUnavailable',
  'SignatureDoesNotMatch',
  'SlowDown',
  'TemporaryRedirect',
  'TimeoutError',
  'AbortError',
]);
/** Node's own network error codes (set by the OS / runtime, not by the server). */
const NETWORK_CODE = /^E[A-Z_]{2,24}$/;

function explanation(status: number | undefined, network: boolean): string {
  if (network) return 'the endpoint could not be reached (check the endpoint URL and that the service is up)';
  if (status === undefined) return 'the request failed before the storage service answered';
  if (status === 301 || status === 307 || status === 400) return 'the storage service refused the request (check the region, endpoint and path-style setting)';
  if (status === 401 || status === 403) return 'the credentials were refused or may not access this bucket';
  if (status === 404) return 'the bucket or object does not exist at this endpoint';
  if (status >= 500) return 'the storage service failed; try again later';
  return 'the storage service gave an unexpected answer';
}

/**
 * A failure of an S3 call, safe to show and store: a known error name or network code, the HTTP
 * status and a fixed explanation. No text the storage service sent (its message or an unknown
 * error code) is included, so nothing it echoes (credentials, signatures) can come back.
 */
export function safeErrorMessage(error: unknown): string {
  const e = error as { name?: unknown; Code?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } } | null | undefined;
  const rawStatus = e?.$metadata?.httpStatusCode;
  const status = typeof rawStatus === 'number' && Number.isInteger(rawStatus) && rawStatus >= 100 && rawStatus <= 599 ? rawStatus : undefined;
  const networkCode = typeof e?.code === 'string' && NETWORK_CODE.test(e.code) && status === undefined ? e.code : undefined;
  const network = networkCode !== undefined;
  const candidates = [e?.Code, e?.name].filter((n): n is string => typeof n === 'string');
  const name = networkCode ?? candidates.find((n) => KNOWN_ERRORS.has(n)) ?? 'UnknownError';
  return `${name}${status ? ` (HTTP ${status})` : ''}: ${explanation(status, network)}`;
}

/**
 * Test connection: HeadBucket, then put, read back and delete a small probe object under the
 * prefix. Never throws: failures come back as ok:false with a safe summary (safeErrorMessage).
 */
export async function probeS3(s: S3Settings): Promise<{ ok: boolean; message: string }> {
  const client = createS3Client(s, { maxAttempts: 1, connectionTimeout: PROBE_CONNECT_MS, requestTimeout: PROBE_REQUEST_MS });
  const abortSignal = AbortSignal.timeout(PROBE_TOTAL_MS);
  const key = `${s.prefix}.outpost-probe-${randomUUID()}`;
  const body = `outpost connection test ${new Date().toISOString()}`;
  let step = 'HeadBucket';
  try {
    await client.send(new HeadBucketCommand({ Bucket: s.bucket }), { abortSignal });
    step = 'PutObject';
    await client.send(new PutObjectCommand({ Bucket: s.bucket, Key: key, Body: body, ContentType: 'text/plain' }), { abortSignal });
    step = 'GetObject';
    const got = await client.send(new GetObjectCommand({ Bucket: s.bucket, Key: key }), { abortSignal });
    const text = await got.Body?.transformToString();
    if (text !== body) return { ok: false, message: `GetObject: the probe object came back different from what was written (${key})` };
    step = 'DeleteObject';
    await client.send(new DeleteObjectCommand({ Bucket: s.bucket, Key: key }), { abortSignal });
    return { ok: true, message: `Bucket "${s.bucket}" is reachable: a probe object was written, read back and deleted under prefix "${s.prefix}"` };
  } catch (error) {
    return { ok: false, message: `${step} failed: ${safeErrorMessage(error)}` };
  } finally {
    client.destroy();
  }
}

/** True for the SDK's "no such object" answers (GetObject / HeadObject on a missing key). */
export function isMissingObject(error: unknown): boolean {
  const e = error as { name?: unknown; Code?: unknown; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.Code === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
