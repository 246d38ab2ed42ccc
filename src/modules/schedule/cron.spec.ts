import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATCH_UP_AFTER_MS, CronError, describeCron, dispatchDecision, isValidTimezone, nextRunAfter, validateCron } from './cron';
import { missingTaskPermissions } from './schedule.service';
import type { Permission } from '../auth/permissions';

const at = (iso: string) => new Date(iso);
const refused = (fn: () => void, field: 'cron' | 'timezone', pattern: RegExp) =>
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof CronError, String(err));
    assert.equal(err.field, field);
    assert.match(err.message, pattern);
    return true;
  });

describe('schedule cron rules', () => {
  it('next time: 5 fields in UTC, strictly after the given moment', () => {
    assert.equal(nextRunAfter('0 4 * * *', 'UTC', at('2025-06-01T03:59:59Z')).toISOString(), '2025-06-01T04:00:00.000Z');
    assert.equal(nextRunAfter('0 4 * * *', 'UTC', at('2025-06-01T04:00:00Z')).toISOString(), '2025-06-02T04:00:00.000Z');
  });

  it('next time: 6 fields read the first as seconds', () => {
    assert.equal(nextRunAfter('*/10 * * * * *', 'UTC', at('2025-06-01T10:00:03Z')).toISOString(), '2025-06-01T10:00:10.000Z');
    assert.equal(nextRunAfter('30 0 4 * * *', 'UTC', at('2025-06-01T00:00:00Z')).toISOString(), '2025-06-01T04:00:30.000Z');
  });

  it('next time: in the schedule timezone, across DST changes', () => {
    // 04:00 in Amsterdam is 02:00Z in summer (CEST) and 03:00Z in winter (CET).
    assert.equal(nextRunAfter('0 4 * * *', 'Europe/Amsterdam', at('2025-03-29T12:00:00Z')).toISOString(), '2025-03-30T02:00:00.000Z');
    assert.equal(nextRunAfter('0 4 * * *', 'Europe/Amsterdam', at('2025-03-28T12:00:00Z')).toISOString(), '2025-03-29T03:00:00.000Z');
    assert.equal(nextRunAfter('0 4 * * *', 'Europe/Amsterdam', at('2025-10-26T12:00:00Z')).toISOString(), '2025-10-27T03:00:00.000Z');
    // 02:30 does not exist on the spring-forward day in New York: the run is not lost, it moves on.
    const spring = nextRunAfter('30 2 * * *', 'America/New_York', at('2025-03-09T05:00:00Z'));
    assert.ok(spring.getTime() > at('2025-03-09T05:00:00Z').getTime());
    assert.ok(spring.getTime() <= at('2025-03-10T06:30:00Z').getTime(), spring.toISOString());
    assert.equal(nextRunAfter('0 9 * * 1', 'Asia/Tokyo', at('2025-06-01T00:00:00Z')).toISOString(), '2025-06-02T00:00:00.000Z');
  });

  it('validation: field count, bad values and timezones are refused with a sentence naming them', () => {
    refused(() => validateCron('0 4 * *', 'UTC', 10), 'cron', /has 4$/);
    refused(() => validateCron('0 0 4 * * * *', 'UTC', 10), 'cron', /5 fields .* or 6 with seconds first; "0 0 4 \* \* \* \*" has 7/);
    refused(() => validateCron('99 4 * * *', 'UTC', 10), 'cron', /Invalid cron expression "99 4 \* \* \*"/);
    refused(() => validateCron('0 4 * * *', 'Mars/Olympus', 10), 'timezone', /"Mars\/Olympus" is not an IANA timezone/);
    assert.equal(isValidTimezone('Europe/Amsterdam'), true);
    assert.equal(isValidTimezone('Nowhere'), false);
    validateCron('0 4 * * *', 'Europe/Amsterdam', 10);
    validateCron('*/10 * * * * *', 'UTC', 10);
  });

  it('validation: more often than the minimum interval is refused, including bursts inside a minute', () => {
    refused(() => validateCron('* * * * * *', 'UTC', 10), 'cron', /fires every 1 s at times; schedules may fire at most once every 10 s/);
    refused(() => validateCron('*/5 * * * * *', 'UTC', 10), 'cron', /every 5 s/);
    // Only twice a minute, but 2 s apart.
    refused(() => validateCron('0,2 * * * * *', 'UTC', 10), 'cron', /every 2 s/);
    validateCron('*/2 * * * * *', 'UTC', 2);
    validateCron('* * * * *', 'UTC', 60);
    refused(() => validateCron('* * * * *', 'UTC', 61), 'cron', /every 60 s/);
  });

  it('validation: hashed "H" fields are refused (cron-parser picks a new random value per parse), weekday names with an H are not', () => {
    const now = at('2026-11-28T10:00:00Z');
    refused(() => validateCron('0 0 H 2 *', 'UTC', 10, now), 'cron', /"H".*not supported/);
    refused(() => validateCron('H * * * * *', 'UTC', 10, now), 'cron', /"H".*not supported/);
    refused(() => validateCron('H(0-29) 4 * * *', 'UTC', 10, now), 'cron', /"H".*not supported/);
    refused(() => validateCron('0 4 * * 1,H', 'UTC', 10, now), 'cron', /"H".*not supported/);
    validateCron('0 4 * * THU', 'UTC', 10, now);
    assert.equal(nextRunAfter('0 4 * * THU', 'UTC', now).toISOString(), '2026-12-03T04:00:00.000Z');
  });

  it('validation: a sparse expression (Feb 29 only) is accepted, and one bursting only on Feb 29 is still refused', () => {
    const now = at('2026-11-28T10:00:00Z');
    validateCron('0 0 0 29 2 *', 'UTC', 10, now);
    assert.equal(nextRunAfter('0 0 0 29 2 *', 'UTC', now).toISOString(), '2028-02-29T00:00:00.000Z');
    refused(() => validateCron('*/2 * * 29 2 *', 'UTC', 10, now), 'cron', /every 2 s/);
  });

  it('next time: an expression with no next time is a CronError, not a crash', () => {
    refused(() => nextRunAfter('0 0 31 2 *', 'UTC', at('2026-11-28T10:00:00Z')), 'cron', /no next time/);
  });

  it('description: the cron in words with its timezone', () => {
    assert.equal(describeCron('0 4 * * *', 'UTC'), 'At 04:00 AM (UTC)');
    assert.equal(describeCron('*/10 * * * * *', 'Europe/Amsterdam'), 'Every 10 seconds (Europe/Amsterdam)');
  });

  it('catch-up: on time is a cron run and the next slot follows the due one', () => {
    const d = dispatchDecision('*/10 * * * * *', 'UTC', at('2025-06-01T10:00:00Z'), at('2025-06-01T10:00:00.400Z'));
    assert.deepEqual({ trigger: d.trigger, next: d.nextRunAt.toISOString() }, { trigger: 'cron', next: '2025-06-01T10:00:10.000Z' });
    // A clock a little behind the due time still moves strictly past it.
    const early = dispatchDecision('*/10 * * * * *', 'UTC', at('2025-06-01T10:00:00Z'), at('2025-06-01T09:59:59.900Z'));
    assert.equal(early.nextRunAt.toISOString(), '2025-06-01T10:00:10.000Z');
  });

  it('catch-up: a run due during downtime runs once, as catch_up, and the next time counts from now (no run per missed slot)', () => {
    const d = dispatchDecision('0 4 * * *', 'UTC', at('2025-06-01T04:00:00Z'), at('2025-06-04T12:00:00Z'));
    assert.deepEqual({ trigger: d.trigger, next: d.nextRunAt.toISOString() }, { trigger: 'catch_up', next: '2025-06-05T04:00:00.000Z' });
    const edge = at('2025-06-01T04:00:00Z').getTime();
    assert.equal(dispatchDecision('0 4 * * *', 'UTC', at('2025-06-01T04:00:00Z'), new Date(edge + CATCH_UP_AFTER_MS)).trigger, 'cron');
    assert.equal(dispatchDecision('0 4 * * *', 'UTC', at('2025-06-01T04:00:00Z'), new Date(edge + CATCH_UP_AFTER_MS + 1)).trigger, 'catch_up');
  });

  it('privilege ceiling: each task action needs its own permission; admins need none', () => {
    const auth = (perms: Permission[], isInstanceAdmin = false) => ({ permissions: new Set(perms), principal: { isInstanceAdmin } as never });
    const tasks = [{ action: 'power' as const }, { action: 'command' as const }, { action: 'backup' as const }, { action: 'command' as const }];
    assert.deepEqual(missingTaskPermissions(auth(['schedules.manage']), tasks), ['gameserver.control', 'gameserver.console', 'backups.manage']);
    assert.deepEqual(missingTaskPermissions(auth(['schedules.manage', 'gameserver.console']), tasks), ['gameserver.control', 'backups.manage']);
    assert.deepEqual(missingTaskPermissions(auth(['gameserver.console']), [{ action: 'command' }]), []);
    assert.deepEqual(missingTaskPermissions(auth([], true), tasks), []);
  });
});
