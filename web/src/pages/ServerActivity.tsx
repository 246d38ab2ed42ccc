import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useDomainKey } from '../api/hooks';
import { Empty, ErrorBox, Loading, Pager } from '../components/ui';
import { ACTION_GROUPS, AuditEntries } from './auditView';

const LIMIT = 20;
/** On a server's page only its own kinds of action make sense. */
const GROUPS = ACTION_GROUPS.filter(([g]) => ['', 'gameserver', 'files'].includes(g));

/** A server's activity: the audit rows whose target is this server (people, tokens and the system). */
export function ServerActivity({ id }: { id: string }) {
  const [page, setPage] = useState(0);
  const [group, setGroup] = useState('');
  const log = useQuery({
    queryKey: useDomainKey('auditlog', 'server', id, page, group),
    queryFn: () =>
      unwrap(
        api.POST('/auditlog/search', {
          body: { page, limit: LIMIT, sortBy: 'createdAt', sortDirection: 'desc', filters: { targetId: id, ...(group ? { actionGroup: group } : {}) } },
        }),
      ),
    placeholderData: (prev) => prev,
    refetchInterval: 10_000,
  });
  return (
    <div className="card" data-testid="server-activity">
      <div className="toolbar">
        <h2>Activity</h2>
        <label>
          <span className="sr-only">Kind of action</span>
          <select
            value={group}
            onChange={(e) => {
              setGroup(e.target.value);
              setPage(0);
            }}
          >
            {GROUPS.map(([value, label]) => (
              <option key={value} value={value}>
                {value === '' ? 'Everything' : label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {log.isLoading ? (
        <Loading />
      ) : log.error ? (
        <ErrorBox error={log.error} />
      ) : !log.data?.data.length ? (
        <Empty>Nothing has happened to this server{group ? ' of this kind' : ''} yet.</Empty>
      ) : (
        <>
          <AuditEntries rows={log.data.data} showTarget={false} testId="activity-list" />
          <Pager page={page} limit={LIMIT} total={log.data.meta.total ?? 0} onPage={setPage} />
        </>
      )}
    </div>
  );
}
