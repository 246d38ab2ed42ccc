import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useDomainKey } from '../api/hooks';
import { Empty, ErrorBox, Loading, PageHeader, Pager } from '../components/ui';
import { dispositionName, saveBlob } from '../components/saveBlob';
import { ACTION_GROUPS, AuditEntries, AuditExportButtons } from './auditView';

const LIMIT = 25;
type Who = '' | 'user' | 'apitoken' | 'system';

export function AuditPage() {
  const [page, setPage] = useState(0);
  const [group, setGroup] = useState('');
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [who, setWho] = useState<Who>('');
  const key = useDomainKey('auditlog', page, group, action, actor, who);
  // The list and the export read the same filters.
  const criteria = {
    filters: { ...(group ? { actionGroup: group } : {}), ...(who ? { actorType: who } : {}) },
    search: { ...(action.trim() ? { action: action.trim() } : {}), ...(actor.trim() ? { actorName: actor.trim() } : {}) },
  };
  // A file, not the envelope: fetched with the session's headers, then saved.
  const exporter = useMutation({
    mutationFn: async (format: 'csv' | 'json') => {
      const r = await api.POST('/auditlog/export', { body: { ...criteria, format }, parseAs: 'blob' });
      await saveBlob(r, dispositionName(r.response, `audit-log.${format}`));
    },
  });
  const log = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(
        api.POST('/auditlog/search', {
          body: {
            page,
            limit: LIMIT,
            sortBy: 'createdAt',
            sortDirection: 'desc',
            ...criteria,
          },
        }),
      ),
    placeholderData: (prev) => prev,
  });
  const filtered = !!(group || action.trim() || actor.trim() || who);
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(0);
  };
  return (
    <>
      <PageHeader title="Audit log">
        <AuditExportButtons exporter={exporter} testIdPrefix="audit" />
      </PageHeader>
      <ErrorBox error={exporter.error} title="Could not export the audit log" />
      <div className="audit-filters" role="search">
        <label>
          <span className="sr-only">Kind of action</span>
          <select data-testid="audit-group" value={group} onChange={(e) => reset(setGroup)(e.target.value)}>
            {ACTION_GROUPS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="sr-only">Done by</span>
          <select data-testid="audit-who" value={who} onChange={(e) => reset(setWho)(e.target.value as Who)}>
            <option value="">Anyone</option>
            <option value="user">People</option>
            <option value="apitoken">API tokens</option>
            <option value="system">System</option>
          </select>
        </label>
        <input className="search" type="search" placeholder="Actor's username…" aria-label="Actor's username" value={actor} onChange={(e) => reset(setActor)(e.target.value)} />
        <input className="search" type="search" placeholder="Filter by action…" aria-label="Action" value={action} onChange={(e) => reset(setAction)(e.target.value)} />
      </div>
      <div className="card">
        {log.isLoading ? (
          <Loading />
        ) : log.error ? (
          <ErrorBox error={log.error} />
        ) : !log.data?.data.length ? (
          <Empty>Nothing recorded{filtered ? ' for these filters' : ''} yet.</Empty>
        ) : (
          <>
            <AuditEntries rows={log.data.data} />
            <Pager page={page} limit={LIMIT} total={log.data.meta.total ?? 0} onPage={setPage} />
          </>
        )}
      </div>
    </>
  );
}
