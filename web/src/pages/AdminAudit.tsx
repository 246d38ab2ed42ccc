import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Navigate } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { usePermissions } from '../api/hooks';
import type { components } from '../api/schema';
import { Empty, ErrorBox, Loading, PageHeader, Pager } from '../components/ui';
import { dispositionName, saveBlob } from '../components/saveBlob';
import { ACTION_GROUPS, AuditEntries, AuditExportButtons } from './auditView';

const LIMIT = 25;
type Row = components['schemas']['AdminAuditLogOutputDTO'];
/** '' every domain; INSTANCE the instance's own events (no domain). */
const INSTANCE = 'instance';

/** Instance administrators: the audit log of every domain, each entry with its domain, and its export. */
export function AdminAuditPage() {
  const { isAdmin } = usePermissions();
  const [page, setPage] = useState(0);
  const [domain, setDomain] = useState('');
  const [group, setGroup] = useState('');
  const [actor, setActor] = useState('');
  const domains = useQuery({
    queryKey: ['admin-audit-domains'],
    enabled: isAdmin,
    queryFn: () => unwrap(api.POST('/domain/search', { body: { limit: 1000, sortBy: 'name', sortDirection: 'asc' } })),
  });
  const criteria = {
    filters: {
      ...(group ? { actionGroup: group } : {}),
      ...(domain === INSTANCE ? { domainId: null } : domain ? { domainId: domain } : {}),
    },
    search: actor.trim() ? { actorName: actor.trim() } : {},
  };
  const log = useQuery({
    queryKey: ['admin-audit', page, domain, group, actor],
    enabled: isAdmin,
    queryFn: () => unwrap(api.POST('/admin/auditlog/search', { body: { page, limit: LIMIT, sortBy: 'createdAt', sortDirection: 'desc', ...criteria } })),
    placeholderData: (prev) => prev,
  });
  const exporter = useMutation({
    mutationFn: async (format: 'csv' | 'json') => {
      const r = await api.POST('/admin/auditlog/export', { body: { ...criteria, format }, parseAs: 'blob' });
      await saveBlob(r, dispositionName(r.response, `audit-all-domains.${format}`));
    },
  });
  if (!isAdmin) return <Navigate to="/servers" replace />;
  const reset = (set: (v: string) => void) => (v: string) => {
    set(v);
    setPage(0);
  };
  const rows: Row[] = log.data?.data ?? [];

  return (
    <>
      <PageHeader title="Audit log (all domains)">
        <AuditExportButtons exporter={exporter} testIdPrefix="admin-audit" />
      </PageHeader>
      <ErrorBox error={exporter.error} title="Could not export the audit log" />
      <div className="audit-filters" role="search">
        <label>
          <span className="sr-only">Domain</span>
          <select data-testid="admin-audit-domain" value={domain} onChange={(e) => reset(setDomain)(e.target.value)}>
            <option value="">Every domain</option>
            <option value={INSTANCE}>Instance events (no domain)</option>
            {domains.data?.data.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="sr-only">Kind of action</span>
          <select value={group} onChange={(e) => reset(setGroup)(e.target.value)}>
            {ACTION_GROUPS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <input className="search" type="search" placeholder="Actor's username…" aria-label="Actor's username" value={actor} onChange={(e) => reset(setActor)(e.target.value)} />
      </div>
      <div className="card">
        {log.isLoading ? (
          <Loading />
        ) : log.error ? (
          <ErrorBox error={log.error} />
        ) : !rows.length ? (
          <Empty>Nothing recorded for these filters.</Empty>
        ) : (
          <>
            <table className="table" data-testid="admin-audit-table">
              <thead>
                <tr>
                  <th>Domain</th>
                  <th>Entry</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className="muted" data-testid="admin-audit-domain-cell">
                      {r.domainId ? (r.domainName ?? `deleted ${r.domainId.slice(0, 8)}`) : 'Instance'}
                    </td>
                    <td>
                      {/* Targets link to the current domain's pages, so they are shown as text here. */}
                      <AuditEntries rows={[r]} showTarget={false} testId="admin-audit-entry" />
                      {r.targetName && <div className="muted small">{r.targetName}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={page} limit={LIMIT} total={log.data?.meta.total ?? 0} onPage={setPage} />
          </>
        )}
      </div>
    </>
  );
}
