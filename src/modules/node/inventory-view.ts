/**
 * Who sees how much of a node's inventory (pure: the service loads, this decides).
 *
 * - scope `node` (the whole machine): the domain's own node, or any node for an instance admin.
 * - scope `domain` (a shared node seen by one of its tenants): the machine also runs other tenants'
 *   servers, so the tenant gets capacity facts (system without hostname, disks, docker version) and
 *   only its own game-server containers, but no host network, no processes and no system users.
 *   Processes are left out entirely rather than filtered: the host's view of a process inside a
 *   container (pid, host uid, command line) does not say reliably which container, let alone which
 *   tenant, it belongs to, and a command line may hold another tenant's secrets.
 * - processes and system users need nodes.manage even on the domain's own node: a command line can
 *   carry a server's hidden variables (a licence key in a startup line), which a Viewer must not read.
 */
import type { InventoryEvent, ProcessInfo, SystemInfo, SystemUserInfo } from '@libs/agent-protocol/protocol';
import { type ContainerSummary, DOMAIN_ID_LABEL, SERVER_ID_LABEL } from '@libs/container-driver/container-driver';

export type InventoryScope = 'node' | 'domain';

export interface InventoryView {
  system: Partial<SystemInfo>;
  disks: InventoryEvent['disks'];
  network: InventoryEvent['network'];
  docker: InventoryEvent['docker'];
  containers: ContainerSummary[];
  processes: ProcessInfo[];
  systemUsers: SystemUserInfo[];
  scope: InventoryScope;
}

export const INVENTORY_PARTS = ['system', 'network', 'disks', 'users', 'processes', 'containers'] as const;
export type InventoryPart = (typeof INVENTORY_PARTS)[number];

/** `node` for the domain's own node or an instance admin, `domain` for a tenant of a shared node. */
export function inventoryScope(node: { domainId: string | null }, caller: { isInstanceAdmin: boolean }): InventoryScope {
  return node.domainId !== null || caller.isInstanceAdmin ? 'node' : 'domain';
}

/** A game-server container of this domain (by the labels the control plane sets on every server container). */
export function isDomainContainer(c: Pick<ContainerSummary, 'labels'>, domainId: string): boolean {
  return c.labels?.[DOMAIN_ID_LABEL] === domainId && !!c.labels?.[SERVER_ID_LABEL];
}

/**
 * What `domainId` may see of a stored inventory (older agents' inventories lack processes and users: empty).
 * `canManageNodes`: the caller holds nodes.manage (or is an instance admin); without it no processes or system users.
 */
export function inventoryView(inventory: Partial<InventoryEvent>, scope: InventoryScope, domainId: string, canManageNodes: boolean): InventoryView {
  if (scope === 'node') {
    return {
      system: inventory.system ?? {},
      disks: inventory.disks ?? [],
      network: inventory.network ?? [],
      docker: inventory.docker ?? null,
      containers: inventory.containers ?? [],
      processes: canManageNodes ? (inventory.processes ?? []) : [],
      systemUsers: canManageNodes ? (inventory.systemUsers ?? []) : [],
      scope,
    };
  }
  const { hostname: _hostname, ...system } = inventory.system ?? ({} as SystemInfo);
  return {
    system,
    disks: inventory.disks ?? [],
    network: [],
    docker: inventory.docker ?? null,
    containers: (inventory.containers ?? []).filter((c) => isDomainContainer(c, domainId)),
    processes: [],
    systemUsers: [],
    scope,
  };
}

/** One part of a view, as `GET /node/:id/inventory/<part>` returns it. */
export function inventoryPart(view: InventoryView, part: InventoryPart): unknown {
  switch (part) {
    case 'system':
      return view.system;
    case 'network':
      return view.network;
    case 'disks':
      return view.disks;
    case 'users':
      return view.systemUsers;
    case 'processes':
      return view.processes;
    case 'containers':
      return view.containers;
  }
}
