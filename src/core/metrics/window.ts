import { AppError } from '../errors/app-error';

/** The most samples one metrics-history reply carries. */
export const METRICS_HISTORY_LIMIT = 5000;

/** The time window of a metrics-history query (node or game server): default the last hour. */
export function metricsWindow(from?: string, to?: string): { from: Date; to: Date } {
  const toDate = to ? new Date(to) : new Date();
  const fromDate = from ? new Date(from) : new Date(toDate.getTime() - 3600_000);
  if (fromDate > toDate) throw AppError.validation('from must be before to', [{ path: 'from', code: 'range', message: 'from must be before to' }]);
  return { from: fromDate, to: toDate };
}
