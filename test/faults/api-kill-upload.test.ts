import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestImages } from '@libs/container-driver/test-images';
import type { ApiProcess } from '../helpers/api-process';
import { AgentProcess, spawnAgent } from '../helpers/agent-process';
import { removeDomainContainers } from '../helpers/containers';
import { waitFor } from '../helpers/wait';
import { call, createEchoServer, createNode, FAULT_API_ENV, ReplicaPair, Session, startReplicaPair } from './kit';

const MiB = 1024 * 1024;
const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(url: string, method: string, headers: Record<string, string>, body?: Buffer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Fault suite: an API replica SIGKILLed in the middle of a TUS PATCH. Two real API processes on one
 * database and a private Redis; the agent is connected to B. The PATCH goes to A (A relays the
 * bytes to the agent through B) and A dies after part of the body reached the node. End state:
 * HEAD on B reports a durable offset, the rest PATCHed through B completes the upload, and the file
 * on the node is byte-identical to what was sent. (The upload sharing itself, without a kill, is
 * test/files/replicas.test.ts.)
 */
describe('fault: an API replica killed with SIGKILL mid TUS upload', { timeout: 120_000 }, () => {
  let replicas: ReplicaPair | undefined;
  let a: ApiProcess;
  let b: ApiProcess;
  let agent: AgentProcess;
  let agentDir: string;
  let session: Session;
  let serverId: string;
  let root: string;
  const auth = () => ({ authorization: `Bearer ${session.token}`, 'x-takaro-domain': session.domainId, 'x-forwarded-for': '10.9.9.9' });

  before(async () => {
    await ensureTestImages();
    replicas = await startReplicaPair('upload', FAULT_API_ENV);
    ({ a, b, session } = replicas);
    const { nodeId, registerToken } = await createNode(b, session, 'upload-fault-node');
    agentDir = mkdtempSync(join(tmpdir(), 'outpost-fault-agent-'));
    // The agent knows only B, the replica that survives.
    agent = spawnAgent({ url: b.url, dataDir: agentDir, token: registerToken });
    await waitFor('node online', async () => (await call(a, 'GET', `/node/${nodeId}`, { session })).body.data?.state === 'online', 30_000, 200);
    serverId = await createEchoServer(b, session, nodeId, 'upload-fault', { diskMiB: 256 });
    root = join(agentDir, 'servers', serverId);
    await waitFor('server data dir', () => existsSync(root), 30_000);
  });

  after(async () => {
    if (session) await removeDomainContainers(session.domainId);
    await agent?.kill('SIGKILL');
    await replicas?.close();
    if (agentDir) rmSync(agentDir, { recursive: true, force: true });
  });

  it('the upload resumes through the surviving replica and the file is byte-identical', async () => {
    const data = randomBytes(8 * MiB + 321);
    const created = await send(`${a.url}/gameserver/${serverId}/files/tus`, 'POST', {
      ...auth(),
      ...TUS,
      'upload-length': String(data.length),
      'upload-metadata': `filename ${b64('big.bin')},path ${b64('uploads')}`,
    });
    assert.equal(created.status, 201, created.body);
    const location = String(created.headers.location);
    const id = location.split('/').pop()!;

    // A PATCH of the whole file to A, written in part: A is killed once the first MiB is on the node.
    const patch = http.request(`${a.url}${location}`, {
      method: 'PATCH',
      headers: { ...auth(), ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'content-length': String(data.length) },
    });
    const patchOutcome = new Promise<string>((resolve) => {
      patch.on('response', (res) => resolve(`answered ${res.statusCode}`));
      patch.on('error', (err) => resolve(`failed: ${err.message}`));
    });
    patch.write(data.subarray(0, 3 * MiB));
    const temp = join(root, `.outpost-tmp-upload-${id}`);
    await waitFor('the first MiB on the node', () => existsSync(temp) && statSync(temp).size >= MiB, 20_000, 20);
    await a.kill('SIGKILL');
    assert.match(await patchOutcome, /^failed: /, 'the PATCH to A did not complete');
    patch.destroy();

    // Through B: the durable offset, then the rest from there.
    const head = await waitFor(
      'HEAD on B answering',
      async () => {
        const r = await send(`${b.url}${location}`, 'HEAD', { ...auth(), ...TUS });
        return r.status === 200 ? r : undefined;
      },
      20_000,
      100,
    );
    const offset = Number(head.headers['upload-offset']);
    assert.ok(Number.isSafeInteger(offset) && offset >= 0 && offset <= 3 * MiB, `a durable offset within what was sent: ${head.headers['upload-offset']}`);
    assert.equal(head.headers['upload-length'], String(data.length));
    const rest = await send(`${b.url}${location}`, 'PATCH', { ...auth(), ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) }, data.subarray(offset));
    assert.equal(rest.status, 204, rest.body);
    assert.equal(rest.headers['upload-offset'], String(data.length));

    const onNode = readFileSync(join(root, 'uploads/big.bin'));
    assert.equal(onNode.length, data.length, 'same size');
    assert.equal(sha(onNode), sha(data), 'byte-identical');
    assert.equal(existsSync(temp), false, 'no partial file left');
    assert.equal(b.child.exitCode, null, 'B still runs');
  });
});
