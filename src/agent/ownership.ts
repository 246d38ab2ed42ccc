/**
 * Which Outpost containers on the Docker host are this agent's: two agents (two nodes) may share
 * one Docker daemon, and each must only report, attach and command its own containers.
 */
import { NODE_ID_LABEL, SERVER_ID_LABEL } from '@libs/container-driver/container-driver';
import type { ServerStore } from './server-store';

/** Docker ids may be full or short (12+ hex) on either side. */
export function sameContainerId(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= 12 && (a.startsWith(b) || b.startsWith(a)));
}

export type OwnsContainer = (labels: Record<string, string>, containerId: string, mountSources?: string[]) => Promise<boolean>;

/**
 * Ours = labelled with our node id; a container without a node label (made by an older agent) is
 * ours when our ServerStore's record for its server points at it, or — the record lost with the
 * agent's state — when it mounts that server's data directory under our data dir.
 */
export function containerOwnership(nodeId: () => string | undefined, store: ServerStore): OwnsContainer {
  return async (labels, containerId, mountSources) => {
    const node = labels[NODE_ID_LABEL];
    if (node !== undefined) return node === nodeId();
    const serverId = labels[SERVER_ID_LABEL];
    if (!serverId) return false;
    const rec = await store.get(serverId).catch(() => null); // null for ids we would never have created, too
    if (rec) return sameContainerId(rec.containerId, containerId);
    let dataDir: string;
    try {
      dataDir = store.dataDirOf(serverId);
    } catch {
      return false; // not a server id this agent could have made
    }
    return !!mountSources?.includes(dataDir);
  };
}

/** The entries of `list` this agent owns, in order. */
export async function ownedOnly<T extends { id: string; labels: Record<string, string>; mountSources?: string[] }>(list: T[], owns: OwnsContainer): Promise<T[]> {
  const keep = await Promise.all(list.map((c) => owns(c.labels, c.id, c.mountSources)));
  return list.filter((_, i) => keep[i]);
}
