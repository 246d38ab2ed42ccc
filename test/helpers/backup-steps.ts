import assert from 'node:assert/strict';
import { Reply } from './test-app';
import { waitFor } from './wait';

export type Requester = (method: string, path: string, body?: unknown) => Promise<Reply>;

/** Backup rows through the API: make one and wait for it to settle, restore one and wait for it to settle. */
export function backupSteps(req: Requester, makeTimeoutMs = 60_000) {
  const backup = async (id: string) => (await req('GET', `/backup/${id}`)).body.data;
  return {
    backup,
    async make(serverId: string, body: Record<string, unknown> = {}) {
      const r = await req('POST', '/backup', { gameserverId: serverId, ...body });
      assert.equal(r.status, 202, r.text);
      assert.equal(r.body.data.state, 'creating');
      const done = await waitFor(
        'backup finished',
        async () => {
          const b = await backup(r.body.data.id);
          return b.state !== 'creating' && b;
        },
        makeTimeoutMs,
      );
      assert.equal(done.state, 'completed', JSON.stringify(done));
      return done;
    },
    async restore(id: string) {
      const r = await req('POST', `/backup/${id}/restore`);
      assert.equal(r.status, 202, r.text);
      assert.equal(r.body.data.restoreState, 'restoring');
      return waitFor(
        'restore finished',
        async () => {
          const b = await backup(id);
          return b.restoreState !== 'restoring' && b;
        },
        60_000,
      );
    },
  };
}
