/** Every permission key. Routes declare one with @RequirePermission; roles hold a set. */
export const PERMISSIONS = {
  'domain.manage': 'Rename the domain, change its state',
  'members.read': 'See members, roles and invites',
  'members.manage': 'Invite, remove and change roles of members; create users',
  'roles.manage': 'Create, edit and delete roles',
  'apitokens.manage': 'Create and revoke API tokens of the domain',
  'auditlog.read': 'Read the audit log',
  'nodes.read': 'See nodes, their inventory and metrics',
  'nodes.manage': 'Add, edit, cordon, drain and delete nodes; raw container control',
  'workloads.read': 'See workload templates',
  'workloads.manage': 'Create, import, edit and delete workload templates',
  'gameserver.read': 'See game servers, their state, stats and logs',
  'gameserver.create': 'Create game servers',
  'gameserver.manage': 'Edit, reinstall, transfer and delete game servers',
  'gameserver.control': 'Start, stop, restart and kill game servers',
  'gameserver.console': 'Send console commands',
  'files.read': 'Browse and download game server files',
  'files.write': 'Upload, edit, move and delete game server files',
  'backups.read': 'See backups and their state',
  'backups.manage': 'Create, download, restore, lock and delete backups; configure backup storage',
  'schedules.read': 'See schedules and their runs',
  'schedules.manage': 'Create, edit, run and delete schedules (each task also needs its own permission)',
  'alerts.read': 'See alerts and alert rules; acknowledge alerts',
  'alerts.manage': 'Create, edit and delete alert rules; resolve alerts by hand',
  'integrations.manage': 'Create, edit, test and delete integrations (Discord, Slack, webhooks, email); read their delivery log',
  'deploy.manage': 'Configure git deploy on game servers, sync them, and manage incoming webhook tokens',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, value);
}

/** The roles every new domain gets. */
export const SYSTEM_ROLES: Record<'Owner' | 'Admin' | 'Member' | 'Viewer', Permission[]> = {
  Owner: ALL_PERMISSIONS,
  Admin: ALL_PERMISSIONS,
  Member: [
    'members.read',
    'nodes.read',
    'workloads.read',
    'gameserver.read',
    'gameserver.create',
    'gameserver.control',
    'gameserver.console',
    'files.read',
    'files.write',
    'backups.read',
    'schedules.read',
    'alerts.read',
  ],
  Viewer: ['members.read', 'nodes.read', 'workloads.read', 'gameserver.read', 'files.read', 'backups.read', 'schedules.read', 'alerts.read'],
};
