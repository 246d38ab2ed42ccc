import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trustedDomainId } from '@libs/tenancy/domain-id';
import type { AppConfig } from '../../core/config/app-config';
import type { Principal } from '../auth/auth-context';
import type { AgentChannel } from './agent-channel.service';
import type { Node } from './entities/node.entity';
import type { NodeMetricRepository, NodeRepository } from './node.repository';
import { NodeService } from './node.service';

const ALPHA = trustedDomainId('00000000-0000-4000-8000-00000000000a');
const BETA = trustedDomainId('00000000-0000-4000-8000-00000000000b');
const NODE = '00000000-0000-4000-8000-0000000000f1';

/**
 * The command paths' visibility check: for a node whose agent is connected here the owner the
 * channel read at connect decides (no query); otherwise, and once the node was deleted, the database does.
 */
function setup(owner: string | null | undefined, row: { domainId: string | null } | null) {
  const lookups: string[] = [];
  const sent: string[] = [];
  const nodes = {
    findVisible: (domainId: string, id: string) => {
      lookups.push(id);
      return Promise.resolve(row && (row.domainId === null || row.domainId === domainId) ? ({ id, ...row } as Node) : null);
    },
  } as unknown as NodeRepository;
  let known = owner;
  const channel = {
    connectedOwner: () => known,
    forget: () => (known = undefined),
    send: (nodeId: string) => {
      sent.push(nodeId);
      return Promise.resolve([]);
    },
  } as unknown as AgentChannel;
  const service = new NodeService({} as AppConfig, nodes, {} as NodeMetricRepository, channel);
  return { service, lookups, sent, forget: () => channel.forget(NODE) };
}

const member = { isInstanceAdmin: false } as Principal;
const admin = { isInstanceAdmin: true } as Principal;
const list = (s: NodeService, domainId: typeof ALPHA, principal: Principal) => s.manageCommand(domainId, principal, NODE, 'containers.list', { all: true, onlyOutpost: false });

describe('NodeService command visibility', () => {
  it('a node connected here: its owner domain commands it without a query; another domain gets 404, not a send', async () => {
    const { service, lookups, sent } = setup(ALPHA, { domainId: ALPHA });
    await list(service, ALPHA, member);
    await service.command(ALPHA, NODE, 'files.list', { path: '/' } as never);
    assert.deepEqual(lookups, []);
    await assert.rejects(list(service, BETA, member), { status: 404 });
    await assert.rejects(service.command(BETA, NODE, 'files.list', { path: '/' } as never), { status: 404 });
    assert.equal(sent.length, 2);
  });

  it('a shared node connected here: every domain may command it, only instance admins manage it', async () => {
    const { service, sent } = setup(null, { domainId: null });
    await service.command(BETA, NODE, 'files.list', { path: '/' } as never);
    await list(service, BETA, admin);
    await assert.rejects(list(service, BETA, member), { status: 403 });
    assert.equal(sent.length, 2);
  });

  it('not connected here, or deleted meanwhile: the database decides', async () => {
    const { service, lookups, sent, forget } = setup(ALPHA, null);
    forget();
    await assert.rejects(list(service, ALPHA, member), { status: 404 });
    await assert.rejects(service.command(ALPHA, NODE, 'files.list', { path: '/' } as never), { status: 404 });
    assert.deepEqual(lookups, [NODE, NODE]);
    assert.deepEqual(sent, []);
  });
});
