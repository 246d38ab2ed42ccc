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

/** A subject's metric over a window, as the alert evaluator reads it (node and game-server metric tables alike). */
export interface MetricWindowSummary {
  id: string;
  name: string;
  /** Lowest percent in the window: above the threshold means "above for the whole window". */
  minPercent: number;
  lastPercent: number;
  firstAt: Date;
  lastAt: Date;
}

/** The select list of a window summary over sample alias `m` with percent expression `pct`: [expression, alias]. */
export function windowSummaryColumns(pct: string): Array<[string, string]> {
  return [
    [`min(${pct})::float8`, 'minPercent'],
    [`((array_agg(${pct} ORDER BY m.time DESC))[1])::float8`, 'lastPercent'],
    ['min(m.time)', 'firstAt'],
    ['max(m.time)', 'lastAt'],
  ];
}

/** Raw rows of windowSummaryColumns as numbers and dates. */
export function toWindowSummaries(rows: Array<{ id: string; name: string; minPercent: unknown; lastPercent: unknown; firstAt: unknown; lastAt: unknown }>): MetricWindowSummary[] {
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    minPercent: Number(r.minPercent ?? 0),
    lastPercent: Number(r.lastPercent ?? 0),
    firstAt: new Date(r.firstAt as string),
    lastAt: new Date(r.lastAt as string),
  }));
}
