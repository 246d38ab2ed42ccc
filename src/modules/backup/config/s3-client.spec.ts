import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUCKET_NAME, PREFIX } from './dto/backup-config.dto';
import { isMissingObject, safeErrorMessage } from './s3-client';

describe('S3 helpers', () => {
  it('safeErrorMessage shows a known error name, the HTTP status and a fixed explanation, never the server text', () => {
    const error = Object.assign(new Error('Credential AKIAEXAMPLE/20260101 with secret s3cr3t-value rejected'), {
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    assert.equal(safeErrorMessage(error), 'SignatureDoesNotMatch (HTTP 403): the credentials were refused or may not access this bucket');
  });

  it('safeErrorMessage drops unknown (server-chosen) error codes: an echoed, encoded Authorization header never comes back', () => {
    const echoed = Buffer.from('AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260101/us-east-1/s3/aws4_request').toString('base64');
    const error = Object.assign(new Error(echoed), { name: echoed.slice(0, 40), Code: echoed, $metadata: { httpStatusCode: 400 } });
    const m = safeErrorMessage(error);
    assert.equal(m, 'UnknownError (HTTP 400): the storage service refused the request (check the region, endpoint and path-style setting)');
    assert.equal(m.includes(echoed.slice(0, 12)), false);
  });

  it('safeErrorMessage names network failures by their code, and anything else as UnknownError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    assert.equal(safeErrorMessage(refused), 'ECONNREFUSED: the endpoint could not be reached (check the endpoint URL and that the service is up)');
    assert.equal(safeErrorMessage('plain'), 'UnknownError: the request failed before the storage service answered');
    assert.equal(safeErrorMessage(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 'evil' } })), 'UnknownError: the request failed before the storage service answered');
  });

  it('isMissingObject recognises NoSuchKey and 404, nothing else', () => {
    assert.equal(isMissingObject({ name: 'NoSuchKey' }), true);
    assert.equal(isMissingObject({ name: 'Unknown', $metadata: { httpStatusCode: 404 } }), true);
    assert.equal(isMissingObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }), false);
    assert.equal(isMissingObject(null), false);
  });

  it('bucket names follow the S3 rules', () => {
    for (const ok of ['abc', 'my-bucket.backups', 'a1b2c3', 'x'.repeat(63)]) assert.ok(BUCKET_NAME.test(ok), ok);
    for (const bad of ['ab', 'x'.repeat(64), 'Upper', 'under_score', '-start', 'end-', 'a..b', '192.168.0.1', 'xn--bucket', 'sthree-b', 'b-s3alias', 'b--ol-s3', 'a b'])
      assert.equal(BUCKET_NAME.test(bad), false, bad);
  });

  it('prefixes: relative, no "..", no control characters or backslashes', () => {
    for (const ok of ['', 'outpost/', 'a/b/c-', 'domain 1/']) assert.ok(PREFIX.test(ok), JSON.stringify(ok));
    for (const bad of ['/abs', '../x', 'a/../b', 'a..b', 'tab\there', 'nul\u0000', 'back\\slash']) assert.equal(PREFIX.test(bad), false, JSON.stringify(bad));
  });
});
