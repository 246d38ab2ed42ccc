import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

interface Candidate {
  nodeId: string;
  name: string;
  fits: boolean;
  reasons: string[];
  freeMemoryMiB: number;
}

/**
 * The planner across five nodes with real agents: two usable ones of different size, and a
 * cordoned, a draining and an offline one that are far bigger (so excluding them is the rule,
 * not their size).
 */
describe('planner across several nodes: most free memory wins, overallocation, excluded nodes with their reasons', () => {
  let t: TestApp;
  let admin: Session;
  const running: RunningNode[] = [];
  const ids: Record<'small' | 'medium' | 'cordoned' | 'draining' | 'offline', string> = { small: '', medium: '', cordoned: '', draining: '', offline: '' };
  let workloadId: string;
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const byName = (candidates: Candidate[]) => Object.fromEntries(candidates.map((c) => [c.name, c]));
  const need = { cpuPercent: 50, diskMiB: 256 };

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    const start = async (name: keyof typeof ids, memoryMiB: number) => {
      const n = await startNodeWithAgent(t, admin, { name, memoryMiB });
      running.push(n);
      ids[name] = n.nodeId;
      return n;
    };
    await start('small', 2048);
    await start('medium', 4096);
    await start('cordoned', 16384);
    await start('draining', 16384);
    const gone = await start('offline', 16384);
    assert.equal((await req('POST', `/node/${ids.cordoned}/cordon`)).status, 200);
    assert.equal((await req('POST', `/node/${ids.draining}/drain`)).status, 200);
    await gone.stop();
    running.splice(running.indexOf(gone), 1);
    await waitFor('offline node marked offline', async () => (await req('GET', `/node/${ids.offline}`)).body.data.status === 'offline');
    workloadId = (await req('POST', '/workload/from-template', { template: 'echo-server' })).body.data.id;
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    for (const n of running) await n.stop();
    await t.close();
  });

  it('suggest-fit chooses the online, active node with the most free memory; the others carry their exact reasons', async () => {
    const r = await req('POST', '/planner/suggest-fit', { memoryMiB: 1024, ...need });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.chosen, ids.medium);
    assert.equal(r.body.data.explanation, 'medium fits with the most free memory (3072 MiB left after placement)');
    const c = byName(r.body.data.candidates);
    assert.deepEqual(Object.keys(c).sort(), ['cordoned', 'draining', 'medium', 'offline', 'small']);
    assert.deepEqual([c.medium.fits, c.medium.reasons, c.medium.freeMemoryMiB], [true, [], 3072]);
    assert.deepEqual([c.small.fits, c.small.reasons, c.small.freeMemoryMiB], [true, [], 1024]);
    assert.deepEqual([c.cordoned.fits, c.cordoned.reasons], [false, ['node is cordoned']]);
    assert.deepEqual([c.draining.fits, c.draining.reasons], [false, ['node is draining']]);
    assert.deepEqual([c.offline.fits, c.offline.reasons], [false, ['node is offline']]);
    // Fitting nodes first, most free memory first.
    assert.deepEqual(
      r.body.data.candidates.slice(0, 2).map((x: Candidate) => x.name),
      ['medium', 'small'],
    );
  });

  it('automatic placement on POST /gameserver (no nodeId) counts what is already placed and picks the most free memory', async () => {
    // 2560 MiB: only "medium" has room ("small" is 512 MiB short).
    const first = await req('POST', '/gameserver', { name: 'Big', workloadId, memoryMiB: 2560, ...need });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.body.data.nodeId, ids.medium);
    // Now "medium" has 4096 - 2560 - 512 = 1024 left against 2048 - 512 = 1536 on "small".
    const fit = await req('POST', '/planner/suggest-fit', { memoryMiB: 512, ...need });
    assert.equal(fit.body.data.chosen, ids.small);
    assert.deepEqual([byName(fit.body.data.candidates).medium.freeMemoryMiB, byName(fit.body.data.candidates).small.freeMemoryMiB], [1024, 1536]);
    const second = await req('POST', '/gameserver', { name: 'Small', workloadId, memoryMiB: 512, ...need });
    assert.equal(second.status, 201, second.text);
    assert.equal(second.body.data.nodeId, ids.small);
  });

  it('nothing fits: 409 ConflictError naming every node; overallocation on a node then makes it fit', async () => {
    // Used: small 512 of 2048, medium 2560 of 4096; 3000 MiB fits neither without overallocation.
    const refused = await req('POST', '/gameserver', { name: 'Too big', workloadId, memoryMiB: 3000, ...need });
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.body.meta.error.code, 'ConflictError');
    assert.equal(
      refused.body.meta.error.message,
      'No node fits: cordoned: node is cordoned | draining: node is draining | offline: node is offline | small: not enough memory (1464 MiB short) | medium: not enough memory (1464 MiB short)',
    );

    const put = await req('PUT', `/node/${ids.small}`, { overallocationPercent: 100 });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.data.overallocationPercent, 100);
    const fit = await req('POST', '/planner/suggest-fit', { memoryMiB: 3000, ...need });
    assert.equal(fit.body.data.chosen, ids.small);
    const c = byName(fit.body.data.candidates);
    // 2048 × 2 − 512 − 3000 = 584.
    assert.deepEqual([c.small.fits, c.small.reasons, c.small.freeMemoryMiB], [true, [], 584]);
    assert.deepEqual(c.medium.reasons, ['not enough memory (1464 MiB short)']);
    const placed = await req('POST', '/gameserver', { name: 'Overallocated', workloadId, memoryMiB: 3000, ...need });
    assert.equal(placed.status, 201, placed.text);
    assert.equal(placed.body.data.nodeId, ids.small);
  });

  it('an explicit nodeId on a cordoned node is refused with its reason', async () => {
    const r = await req('POST', '/gameserver', { name: 'Pinned', workloadId, nodeId: ids.cordoned, memoryMiB: 256, ...need });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.meta.error.code, 'ConflictError');
    assert.equal(r.body.meta.error.message, 'Node cordoned cannot take this server: node is cordoned');
  });
});
