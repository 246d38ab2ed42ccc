import { Link } from 'react-router-dom';
import type { components } from '../api/schema';
import { when } from '../components/ui';

export type AuditRow = components['schemas']['AuditLogOutputDTO'];

/** What a target type is called, and where its page is (none: nothing to open). */
const TARGETS: Record<string, { noun: string; href?: (id: string) => string }> = {
  gameserver: { noun: 'server', href: (id) => `/servers/${id}` },
  node: { noun: 'node', href: (id) => `/nodes/${id}` },
  workload: { noun: 'template', href: (id) => `/workloads/${id}` },
  role: { noun: 'role', href: () => '/roles' },
  user: { noun: 'user', href: () => '/members' },
  membership: { noun: 'member', href: () => '/members' },
  apitoken: { noun: 'API token', href: () => '/tokens' },
  'backup-config': { noun: 'backup storage', href: () => '/backup-storage' },
  backup: { noun: 'backup' },
  schedule: { noun: 'schedule' },
  planner: { noun: 'placement' },
  domain: { noun: 'domain' },
  auth: { noun: 'session' },
};

/** Whole sentences for actions whose verb alone would mislead; the rest are built from verb + noun. */
const PHRASES: Record<string, string> = {
  'gameserver.crashed': 'Server crashed',
  'gameserver.auto_restarted': 'Restarted automatically after a crash',
  'gameserver.crash_loop_stopped': 'Stopped restarting: too many crashes',
  'gameserver.reconciled': 'State corrected from the node',
  'gameserver.command': 'Sent a console command',
  'gameserver.powerAction': 'Power action',
  'gameserver.clear': 'Cleared the console history',
  'gameserver.transfer': 'Moved server to another node',
  'gameserver.updateStartup': 'Changed the startup settings',
  'gameserver.resetStartup': 'Reset the startup settings',
  'gameserver.addAllocation': 'Added a port',
  'gameserver.updateAllocation': 'Changed a port',
  'gameserver.removeAllocation': 'Removed a port',
  'gameserver.makeAllocationPrimary': 'Changed the primary port',
  'files.delete': 'Deleted files',
  'files.write': 'Edited a file',
  'files.mkdir': 'Created a folder',
  'files.rename': 'Renamed or moved a file',
  'files.copy': 'Copied a file',
  'files.chmod': 'Changed file permissions',
  'files.compress': 'Compressed files',
  'files.decompress': 'Extracted an archive',
  'files.upload': 'Uploaded files',
  'files.upload_cancel': 'Cancelled an upload',
  'files.download': 'Downloaded files as a zip',
  'auth.selectDomain': 'Switched to this domain',
  'node.registerToken': 'Issued a node registration token',
  'node.containerAction': 'Acted on a container',
  'workload.fromTemplate': 'Created a template from the catalogue',
  'workload.import': 'Imported a template',
  'membership.create': 'Invited a member',
  'backup.downloadLink': 'Made a backup download link',
  'backup.completed': 'Backup finished',
  'backup.downloaded': 'Backup downloaded',
  'backup.retention_deleted': 'Backup removed by retention',
  'schedule.run': 'Schedule ran',
  'planner.suggestFit': 'Asked where a server would fit',
};

const VERBS: Record<string, string> = {
  create: 'Created',
  update: 'Changed',
  remove: 'Deleted',
  start: 'Started',
  stop: 'Stopped',
  restart: 'Restarted',
  kill: 'Killed',
  reinstall: 'Reinstalled',
  cordon: 'Cordoned',
  uncordon: 'Uncordoned',
  drain: 'Drained',
  lock: 'Locked',
  unlock: 'Unlocked',
  restore: 'Restored',
  activate: 'Activated',
  test: 'Tested',
};

/** "Deleted files", "Started server", else the action's own words ("role push"). */
export function actionWords(action: string): string {
  if (PHRASES[action]) return PHRASES[action];
  const [group, verb = ''] = action.split('.');
  const noun = TARGETS[group]?.noun ?? group;
  if (VERBS[verb]) return `${VERBS[verb]} ${noun}`;
  const words = verb.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return `${noun[0]?.toUpperCase() ?? ''}${noun.slice(1)}: ${words}`;
}

/** Filter choices for the action's first segment (`actionGroup`). */
export const ACTION_GROUPS: Array<[string, string]> = [
  ['', 'All actions'],
  ['gameserver', 'Servers'],
  ['files', 'Files'],
  ['node', 'Nodes'],
  ['workload', 'Templates'],
  ['membership', 'Members'],
  ['user', 'Users'],
  ['role', 'Roles'],
  ['apitoken', 'API tokens'],
  ['backup', 'Backups'],
  ['schedule', 'Schedules'],
  ['auth', 'Sign-in'],
];

function Actor({ row }: { row: AuditRow }) {
  if (row.actorType === 'system') return <span className="audit-system">System</span>;
  if (row.actorType === 'agent') return <span className="audit-system">Node agent</span>;
  const name = row.actorName ?? 'a deleted user';
  return (
    <span>
      <strong>{name}</strong>
      {row.actorType === 'apitoken' && <span className="muted"> via API token “{row.tokenName ?? 'deleted token'}”</span>}
    </span>
  );
}

function Target({ row }: { row: AuditRow }) {
  if (!row.targetType || !row.targetId) return null;
  const t = TARGETS[row.targetType];
  const label = row.targetName ?? `${t?.noun ?? row.targetType} ${row.targetId.slice(0, 8)}`;
  // A deleted server or node has no page left to open.
  const gone = row.action === `${row.targetType}.remove`;
  const href = !gone && t?.href ? t.href(row.targetId) : null;
  return href ? (
    <Link to={href} className="audit-target" data-testid="audit-target">
      {label}
    </Link>
  ) : (
    <span className="audit-target">{label}</span>
  );
}

/** Details as a readable list: paths one per line, everything else as `key: value`. */
function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details).filter(([k]) => k !== 'method' && k !== 'route');
  const technical = [details.method, details.route].filter(Boolean).join(' ');
  if (!entries.length && !technical) return null;
  return (
    <details className="audit-details">
      <summary>Details</summary>
      <dl>
        {entries.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{Array.isArray(v) ? v.map((x, i) => <code key={i}>{String(x)}</code>) : <code>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</code>}</dd>
          </div>
        ))}
        {technical && (
          <div>
            <dt>request</dt>
            <dd>
              <code>{technical}</code>
            </dd>
          </div>
        )}
      </dl>
    </details>
  );
}

/** One entry per row, stacked (reads the same at 390 px as at 1280 px). `showTarget`: off on a server's own page. */
export function AuditEntries({ rows, showTarget = true, testId = 'audit-table' }: { rows: AuditRow[]; showTarget?: boolean; testId?: string }) {
  return (
    <ul className="audit-list" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.id} className="audit-entry" data-testid="audit-entry" data-action={r.action}>
          <div className="audit-line">
            <span className="audit-action">{actionWords(r.action)}</span>
            {showTarget && <Target row={r} />}
            <code className="audit-code">{r.action}</code>
          </div>
          <div className="audit-meta muted small">
            <Actor row={r} /> · <time dateTime={r.createdAt}>{when(r.createdAt)}</time>
            {r.ip ? <span className="hide-sm"> · {r.ip}</span> : null}
          </div>
          {r.details && <Details details={r.details as Record<string, unknown>} />}
        </li>
      ))}
    </ul>
  );
}

/** The page header's export buttons and their error, shared by the domain and the instance audit pages. */
export function AuditExportButtons({ exporter, testIdPrefix }: { exporter: { isPending: boolean; mutate: (format: 'csv' | 'json') => void }; testIdPrefix: string }) {
  return (
    <>
      <button type="button" className="btn btn-small" data-testid={`${testIdPrefix}-export-csv`} disabled={exporter.isPending} onClick={() => exporter.mutate('csv')}>
        Export CSV
      </button>
      <button type="button" className="btn btn-small" data-testid={`${testIdPrefix}-export-json`} disabled={exporter.isPending} onClick={() => exporter.mutate('json')}>
        Export JSON
      </button>
    </>
  );
}
