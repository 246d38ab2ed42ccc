import { CronExpressionParser } from 'cron-parser';
import cronstrue from 'cronstrue';
import type { RunTrigger } from './schedule.types';

// The pure rules of schedules: which cron expressions are accepted, when a schedule runs next,
// and whether a due run is an ordinary one or the single catch-up after downtime.

/** A due run more than this late (the API was down, or every process was busy) is a catch-up run. */
export const CATCH_UP_AFTER_MS = 10_000;
/** How many upcoming fire times are looked at to find the shortest interval of an expression… */
const INTERVAL_SAMPLES = 120;
/** …within this window after the first one (sparse expressions such as Feb 29 stop after two). */
const INTERVAL_WINDOW_MS = 8 * 24 * 3600_000;
/** cron-parser's `H` (a hashed, here random, value per parse) would move every run: refused. */
const HASHED_FIELD = /(^|,)H(?=$|[(/,])/i;

/** Why an expression or timezone is refused; the message is shown to the user as is. */
export class CronError extends Error {
  constructor(
    readonly field: 'cron' | 'timezone',
    message: string,
  ) {
    super(message);
  }
}

export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

function fields(cron: string): string[] {
  return cron.trim().split(/\s+/).filter(Boolean);
}

function parse(cron: string, timezone: string, from: Date) {
  return CronExpressionParser.parse(cron.trim(), { currentDate: from, tz: timezone });
}

/**
 * Checks an expression (5 fields, or 6 with seconds first) and a timezone; throws CronError with
 * a sentence naming what is wrong. An expression that fires more often than every
 * `minIntervalSeconds` is refused.
 */
export function validateCron(cron: string, timezone: string, minIntervalSeconds: number, now = new Date()): void {
  if (!isValidTimezone(timezone)) throw new CronError('timezone', `"${timezone}" is not an IANA timezone (e.g. UTC, Europe/Amsterdam, America/New_York)`);
  const n = fields(cron).length;
  if (n !== 5 && n !== 6) throw new CronError('cron', `A cron expression has 5 fields (minute hour day month weekday) or 6 with seconds first; "${cron}" has ${n}`);
  if (fields(cron).some((f) => HASHED_FIELD.test(f))) throw new CronError('cron', `"H" (a hashed value) is not supported in "${cron}": name the time`);
  let times: number[];
  try {
    const expression = parse(cron, timezone, now);
    times = [];
    // Five fields fire at most once a minute: two fire times prove it parses and fires.
    const samples = n === 5 && minIntervalSeconds <= 60 ? 2 : INTERVAL_SAMPLES;
    for (let i = 0; i < samples && expression.hasNext(); i++) {
      const t = expression.next().getTime();
      times.push(t);
      if (t - times[0] > INTERVAL_WINDOW_MS) break;
    }
  } catch (err) {
    throw new CronError('cron', `Invalid cron expression "${cron}": ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!times.length) throw new CronError('cron', `The cron expression "${cron}" never fires`);
  const shortest = shortestGapSeconds(times);
  if (shortest !== null && shortest < minIntervalSeconds) {
    throw new CronError('cron', `The cron expression "${cron}" fires every ${shortest} s at times; schedules may fire at most once every ${minIntervalSeconds} s`);
  }
}

function shortestGapSeconds(times: number[]): number | null {
  let shortest: number | null = null;
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] - times[i - 1]) / 1000;
    if (shortest === null || gap < shortest) shortest = gap;
  }
  return shortest;
}

/** The first fire time strictly after `after`, in the schedule's timezone (DST-aware). */
export function nextRunAfter(cron: string, timezone: string, after: Date): Date {
  try {
    return parse(cron, timezone, after).next().toDate();
  } catch (err) {
    throw new CronError('cron', `The cron expression "${cron}" has no next time: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** "At 04:00 AM (Europe/Amsterdam)". */
export function describeCron(cron: string, timezone: string): string {
  try {
    return `${cronstrue.toString(cron.trim(), { use24HourTimeFormat: false, verbose: false })} (${timezone})`;
  } catch {
    return `${cron} (${timezone})`;
  }
}

export interface DispatchDecision {
  trigger: Extract<RunTrigger, 'cron' | 'catch_up'>;
  /** The next due time: after max(now, dueAt), so missed slots are never run one by one. */
  nextRunAt: Date;
}

/**
 * What the dispatcher does with a schedule whose `dueAt` has come: one run, `catch_up` when it is
 * more than CATCH_UP_AFTER_MS late (the API was down at the due time), else `cron`; the next time
 * is computed from now, so however many slots were missed, exactly one run makes up for them.
 */
export function dispatchDecision(cron: string, timezone: string, dueAt: Date, now: Date): DispatchDecision {
  const late = now.getTime() - dueAt.getTime();
  const from = late > 0 ? now : dueAt;
  return { trigger: late > CATCH_UP_AFTER_MS ? 'catch_up' : 'cron', nextRunAt: nextRunAfter(cron, timezone, from) };
}
