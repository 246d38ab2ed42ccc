import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useDomainKey } from '../api/hooks';
import { Empty, ErrorBox, Loading, PageHeader, Pager, when } from '../components/ui';

const LIMIT = 25;

export function AuditPage() {
  const [page, setPage] = useState(0);
  const [action, setAction] = useState('');
  const key = useDomainKey('auditlog', page, action);
  const log = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(
        api.POST('/auditlog/search', {
          body: { page, limit: LIMIT, sortBy: 'createdAt', sortDirection: 'desc', ...(action ? { search: { action } } : {}) },
        }),
      ),
    placeholderData: (prev) => prev,
  });
  return (
    <>
      <PageHeader title="Audit log">
        <input
          className="search"
          type="search"
          placeholder="Filter by action…"
          value={action}
          onChange={(e) => {
            setAction(e.target.value);
            setPage(0);
          }}
        />
      </PageHeader>
      <div className="card">
        {log.isLoading ? (
          <Loading />
        ) : log.error ? (
          <ErrorBox error={log.error} />
        ) : !log.data?.data.length ? (
          <Empty>Nothing recorded{action ? ' for this filter' : ''} yet.</Empty>
        ) : (
          <>
            <table className="table" data-testid="audit-table">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Action</th>
                  <th className="hide-sm">Actor</th>
                  <th className="hide-sm">Target</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {log.data.data.map((e) => (
                  <tr key={e.id}>
                    <td className="muted nowrap">{when(e.createdAt)}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td className="hide-sm">
                      {e.actorType}
                      {e.ip ? <span className="muted small"> · {e.ip}</span> : null}
                    </td>
                    <td className="hide-sm muted small">{e.targetType ? `${e.targetType} ${e.targetId?.slice(0, 8) ?? ''}` : '—'}</td>
                    <td>{e.status ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={page} limit={LIMIT} total={log.data.meta.total ?? 0} onPage={setPage} />
          </>
        )}
      </div>
    </>
  );
}
