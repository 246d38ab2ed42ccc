import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { EventBus } from '../../core/events/event-bus';
import type { ServerSystemEvent } from '../../core/events/outpost-events';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import { AuditLog } from './entities/audit-log.entity';
import { AuditExportScope, AuditLogRepository } from './audit-log.repository';
import { AdminAuditLogExportInputDTO, AdminAuditLogOutputDTO, AUDIT_LOG_SEARCH, AuditLogExportInputDTO, AuditLogOutputDTO } from './dto/audit-log.dto';
import { RequestAuth } from '../auth/auth-context';
import { DomainRepository } from '../domain/domain.repository';

export type AuditEntry = Omit<Partial<AuditLog>, 'id' | 'createdAt' | 'domainId' | 'actionGroup'> & { action: string; actorType: AuditLog['actorType'] };

/** Names are shown, not parsed: a long one is cut rather than refused. */
const NAME_MAX = 200;

/** Rows per keyset batch of an export: one query each, a bounded amount in memory. */
export const EXPORT_BATCH = 500;
/** An export larger than this is refused up front: narrow it (e.g. by date with greaterThan/lessThan.createdAt). */
export const EXPORT_MAX_ROWS = 1_000_000;

const CSV_COLUMNS = [
  'id',
  'createdAt',
  'domainId',
  'actorType',
  'actorId',
  'actorName',
  'tokenName',
  'action',
  'actionGroup',
  'targetType',
  'targetId',
  'targetName',
  'ip',
  'status',
  'details',
] as const;

/** The admin export's columns: the domain's name next to its id. */
const ADMIN_CSV_COLUMNS = [...CSV_COLUMNS.slice(0, 3), 'domainName', ...CSV_COLUMNS.slice(3)] as const;

export interface AuditExport {
  filename: string;
  contentType: string;
  rows: number;
  stream: Readable;
}

@Injectable()
export class AuditService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Audit');
  private off?: () => void;

  constructor(
    private readonly repo: AuditLogRepository,
    private readonly bus: EventBus,
    private readonly domains: DomainRepository,
  ) {}

  onModuleInit(): void {
    this.off = this.bus.on('gameserver.system', (e) => this.systemEvent(e));
  }

  onModuleDestroy(): void {
    this.off?.();
  }

  async record(domainId: DomainId, entry: AuditEntry): Promise<void> {
    try {
      let targetName = entry.targetName ?? null;
      // A delete (or an action whose reply names nothing) keeps the name an earlier row saw.
      if (!targetName && entry.targetType && entry.targetId) targetName = await this.repo.lastTargetName(domainId, entry.targetType, entry.targetId);
      await this.repo.insert(domainId, { ...entry, targetName: cut(targetName), actorName: cut(entry.actorName), tokenName: cut(entry.tokenName) });
    } catch (err) {
      // An audit write must not turn a completed action into an error reply; it is logged loudly instead.
      this.logger.error({ err, entry }, 'audit write failed');
    }
  }

  async instanceEvent(entry: AuditEntry): Promise<void> {
    try {
      await this.repo.insertInstanceEvent(entry);
    } catch (err) {
      this.logger.error({ err, entry }, 'audit write failed');
    }
  }

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<AuditLogOutputDTO>> {
    const r = await new SearchEngine(AUDIT_LOG_SEARCH).execute(this.repo.queryBuilder(domainId, 'a'), 'a', query);
    return Paged.of(AuditLogOutputDTO, r);
  }

  async get(domainId: DomainId, id: string): Promise<AuditLogOutputDTO> {
    const row = await this.repo.findById(domainId, id);
    if (!row) throw AppError.notFound('Audit log entry');
    return toOutput(AuditLogOutputDTO, row);
  }

  /**
   * The rows the search would find with the same filters, every page of them, newest first, as a
   * CSV or JSON stream. Batches are read as the client reads (the stream pulls): a client that goes
   * away stops the queries. An instance administrator may export every domain (scope 'instance').
   */
  async export(auth: RequestAuth, domainId: DomainId, input: AuditLogExportInputDTO): Promise<AuditExport> {
    const instance = input.scope === 'instance';
    if (instance && !auth.principal.isInstanceAdmin) throw AppError.forbidden('Only instance administrators can export the audit log of every domain');
    const scope: AuditExportScope = instance ? null : domainId;
    const label = instance ? 'instance' : slug((await this.domains.findById(domainId))?.name ?? domainId);
    return this.streamExport(scope, input, label, CSV_COLUMNS, async (batch) => toOutput(AuditLogOutputDTO, batch));
  }

  /** The instance administrator's view: every domain's rows and the instance's own, each with its domain's name. */
  async adminSearch(query: SearchQuery): Promise<Paged<AdminAuditLogOutputDTO>> {
    const r = await this.repo.adminSearch(query);
    return Paged.of(AdminAuditLogOutputDTO, { ...r, items: await this.withDomainNames(r.items) });
  }

  /**
   * The admin view's rows as a CSV or JSON attachment (a `domainName` column after `domainId`), streamed
   * like a domain export. The export itself is an instance audit event (who took which rows).
   */
  async adminExport(auth: RequestAuth, input: AdminAuditLogExportInputDTO, ip: string): Promise<AuditExport> {
    const out = await this.streamExport(null, input, 'all-domains', ADMIN_CSV_COLUMNS, (batch) => this.withDomainNames(batch));
    const p = auth.principal;
    await this.instanceEvent({
      actorType: p.kind,
      actorId: p.kind === 'apitoken' ? (p.tokenId ?? null) : p.userId,
      actorName: p.username,
      tokenName: p.kind === 'apitoken' ? (p.tokenName ?? null) : null,
      action: 'admin.auditlog.export',
      targetType: 'auditlog',
      ip,
      status: 200,
      details: { format: input.format, rows: out.rows, filters: input.filters ?? null, search: input.search ?? null, greaterThan: input.greaterThan ?? null, lessThan: input.lessThan ?? null },
    });
    return out;
  }

  private async withDomainNames(rows: AuditLog[]): Promise<AdminAuditLogOutputDTO[]> {
    const ids = [...new Set(rows.flatMap((r) => (r.domainId ? [r.domainId] : [])))];
    const found = ids.length ? await this.domains.all('d').where('d.id IN (:...ids)', { ids }).getMany() : [];
    const names = new Map(found.map((d) => [d.id, d.name]));
    return rows.map((r) => ({ ...toOutput(AuditLogOutputDTO, r), domainName: r.domainId ? (names.get(r.domainId) ?? null) : null }));
  }

  private async streamExport<R extends AuditLogOutputDTO>(
    scope: AuditExportScope,
    input: SearchQuery & { format: 'csv' | 'json' },
    label: string,
    columns: readonly (keyof R & string)[],
    present: (batch: AuditLog[]) => Promise<R[]>,
  ): Promise<AuditExport> {
    const rows = await this.repo.exportCount(scope, input);
    if (rows > EXPORT_MAX_ROWS) throw AppError.badRequest(`The export would have ${rows} rows (at most ${EXPORT_MAX_ROWS}); narrow it, e.g. by date with greaterThan/lessThan.createdAt`);
    const filename = `audit-${label}-${new Date().toISOString().slice(0, 10)}.${input.format}`;
    const repo = this.repo;
    async function* batches() {
      let after: string | null = null;
      for (let sent = 0; sent < EXPORT_MAX_ROWS;) {
        const batch = await repo.exportBatch(scope, input, after, Math.min(EXPORT_BATCH, EXPORT_MAX_ROWS - sent));
        if (!batch.length) return;
        yield await present(batch);
        sent += batch.length;
        if (batch.length < EXPORT_BATCH) return;
        after = batch[batch.length - 1].id;
      }
    }
    const body = input.format === 'csv' ? csvChunks(batches(), columns) : jsonChunks(batches());
    return { filename, contentType: input.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8', rows, stream: Readable.from(body) };
  }

  /** Crashes, automatic restarts and corrections from the node: nobody asked, so the actor is the system. */
  private systemEvent(e: ServerSystemEvent): Promise<void> {
    return this.record(e.domainId, {
      actorType: 'system',
      actorId: null,
      action: `gameserver.${e.action}`,
      targetType: 'gameserver',
      targetId: e.serverId,
      targetName: e.serverName,
      details: e.details,
    });
  }
}

function cut(s: string | null | undefined): string | null {
  return s ? s.slice(0, NAME_MAX) : null;
}

/** A domain name as a file-name part. */
function slug(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'domain';
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab/CR before one) as a formula: such text
 * gets a leading quote (the OWASP advice), so an actor or target name can't become a formula.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvRow<R>(row: R, columns: readonly (keyof R & string)[]): string[] {
  return columns.map((column) => {
    const value = row[column];
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'object') return neutraliseFormula(JSON.stringify(value));
    return typeof value === 'string' ? neutraliseFormula(value) : String(value);
  });
}

async function* csvChunks<R>(batches: AsyncIterable<R[]>, columns: readonly (keyof R & string)[]): AsyncGenerator<string> {
  yield stringify([[...columns]]);
  for await (const batch of batches) yield stringify(batch.map((row) => csvRow(row, columns)));
}

/** A JSON array written as it is read: `[`, one row per line, `]`. */
async function* jsonChunks(batches: AsyncIterable<AuditLogOutputDTO[]>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const batch of batches) {
    const lines = batch.map((row) => JSON.stringify(row)).join(',\n');
    yield `${first ? '\n' : ',\n'}${lines}`;
    first = false;
  }
  yield first ? ']' : '\n]';
}
