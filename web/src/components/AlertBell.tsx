import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useDomainKey } from '../api/hooks';

/** The query key part every page that changes alerts invalidates, so the bell follows at once. */
export const UNREAD_KEY = 'alerts-unread';

/** Header bell: firing alerts nobody acknowledged; polled every 30 s and again when the window gets focus. */
export function AlertBell() {
  const unread = useQuery({
    queryKey: useDomainKey(UNREAD_KEY),
    queryFn: () => unwrap(api.GET('/alert/unread')),
    refetchInterval: 30_000,
    refetchOnWindowFocus: 'always',
    retry: false,
  });
  // react-query refetches on visibilitychange (tab switches); a window that regains focus counts too.
  const { refetch } = unread;
  useEffect(() => {
    const onFocus = () => void refetch();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refetch]);
  const n = unread.data?.data.count ?? 0;
  return (
    <Link to="/alerts" className="bell" data-testid="alert-bell" aria-label={`Alerts, ${n} unread`} title={n ? `${n} unacknowledged alert${n === 1 ? '' : 's'}` : 'Alerts'}>
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden>
        <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6zm0 19a2.5 2.5 0 0 0 2.4-2h-4.8A2.5 2.5 0 0 0 12 22z" fill="currentColor" />
      </svg>
      {n > 0 && (
        <span className="bell-count" data-testid="alert-count" aria-hidden>
          {n > 99 ? '99+' : n}
        </span>
      )}
    </Link>
  );
}
