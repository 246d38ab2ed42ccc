import { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { numberRange } from './field-range';
import {
  allowedExtends,
  DEFAULT_LIMIT,
  FieldSpec,
  MAX_DATE_YEAR,
  MAX_FILTER_VALUES,
  MAX_LIMIT,
  MAX_PAGE,
  MAX_SEARCH_TERMS,
  MAX_TERM_LENGTH,
  MIN_DATE_YEAR,
  SearchQuery,
  SearchResult,
  SearchSpec,
} from './search-spec';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SearchIssue {
  path: string;
  code: string;
  message: string;
}

/** Thrown for input that passed the DTO but is wrong for the field (type, range, unknown name). */
export class SearchValidationError extends Error {
  constructor(readonly details: SearchIssue[]) {
    super(`Invalid search: ${details.map((d) => d.message).join('; ')}`);
  }
}

/** `%`, `_` and `\` are literal in user input. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const STRING_RULE = `a string of at most ${MAX_TERM_LENGTH} characters without NUL bytes`;
const isTerm = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_TERM_LENGTH && !value.includes('\u0000');

/**
 * One value for a field, checked against what its column can hold: numbers against the column
 * type's range (integers for integer columns), dates within years 1-9999, strings without NUL.
 * Anything PostgreSQL would refuse is refused here first, with the field named.
 */
function coerce(spec: SearchSpec, name: string, field: FieldSpec, value: unknown, path: string, issues: SearchIssue[]): unknown {
  const bad = (expected: string, code = 'invalidValue') => {
    issues.push({ path, code, message: `${path} must be ${expected}` });
    return undefined;
  };
  switch (field.type) {
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? value : bad('a UUID');
    case 'number': {
      const r = numberRange(spec, name);
      const expected = r.integer ? `an integer between ${r.min} and ${r.max}` : `a number between ${r.min} and ${r.max}`;
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad(expected);
      if (r.integer && !Number.isInteger(value)) return bad(expected);
      return value < r.min || value > r.max ? bad(expected, 'outOfRange') : value;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : bad('a boolean');
    case 'date': {
      const expected = `an ISO 8601 date between the years ${MIN_DATE_YEAR} and ${MAX_DATE_YEAR}`;
      if (typeof value !== 'string' && typeof value !== 'number') return bad(expected);
      const d = new Date(value);
      if (Number.isNaN(d.getTime())) return bad(expected);
      const year = d.getUTCFullYear();
      return year < MIN_DATE_YEAR || year > MAX_DATE_YEAR ? bad(expected, 'outOfRange') : d;
    }
    case 'enum':
      return typeof value === 'string' && field.enum?.includes(value) ? value : bad(`one of: ${field.enum?.join(', ')}`);
    case 'string':
    case 'string[]':
      return isTerm(value) ? value : bad(STRING_RULE);
  }
}

/**
 * Applies one search body to a query builder that is already tenant-scoped, and returns one
 * page plus the total. Filters, search and ranges are parameterised; names are whitelisted.
 */
export class SearchEngine<E extends ObjectLiteral> {
  private paramCounter = 0;

  constructor(private readonly spec: SearchSpec<E>) {}

  private column(alias: string, name: string): string {
    const f = this.spec.fields[name];
    return `${alias}."${f.column ?? name}"`;
  }

  private param(): string {
    return `s${this.paramCounter++}`;
  }

  private requireField(section: string, name: string, capability: 'filter' | 'search' | 'range', issues: SearchIssue[]): FieldSpec | undefined {
    const f = this.spec.fields[name];
    if (!f || !f[capability]) {
      issues.push({
        path: `${section}.${name}`,
        code: 'unknownField',
        message: `${section}.${name} is not a ${capability === 'filter' ? 'filterable' : capability === 'search' ? 'searchable' : 'range'} field of ${this.spec.name}`,
      });
      return undefined;
    }
    return f;
  }

  /** Adds the WHERE clauses; throws SearchValidationError naming every bad field. */
  applyWhere(qb: SelectQueryBuilder<E>, alias: string, query: SearchQuery): void {
    const issues: SearchIssue[] = [];

    for (const [name, raw] of Object.entries(query.filters ?? {})) {
      if (raw === undefined) continue;
      const f = this.requireField('filters', name, 'filter', issues);
      if (!f) continue;
      const values = Array.isArray(raw) ? raw : [raw];
      if (values.length > MAX_FILTER_VALUES) {
        issues.push({ path: `filters.${name}`, code: 'arrayMaxSize', message: `filters.${name} accepts at most ${MAX_FILTER_VALUES} values (got ${values.length})` });
        continue;
      }
      const col = this.column(alias, name);
      const includeNull = values.some((v) => v === null);
      const concrete = values.filter((v) => v !== null).map((v, i) => coerce(this.spec as SearchSpec, name, f, v, Array.isArray(raw) ? `filters.${name}[${i}]` : `filters.${name}`, issues));
      if (concrete.some((v) => v === undefined)) continue;
      const clauses: string[] = [];
      const params: Record<string, unknown> = {};
      // Several values are ONE array parameter: the statement's size does not grow with the list.
      if (f.type === 'string[]') {
        if (concrete.length) {
          const p = this.param();
          clauses.push(`${col} && :${p}`);
          params[p] = concrete;
        }
      } else if (concrete.length === 1) {
        const p = this.param();
        clauses.push(`${col} = :${p}`);
        params[p] = concrete[0];
      } else if (concrete.length > 1) {
        const p = this.param();
        clauses.push(`${col} = ANY(:${p})`);
        params[p] = concrete;
      }
      if (includeNull) clauses.push(`${col} IS NULL`);
      // An empty array matches nothing, rather than everything.
      qb.andWhere(clauses.length ? `(${clauses.join(' OR ')})` : 'FALSE', params);
    }

    const searchClauses: string[] = [];
    const searchParams: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(query.search ?? {})) {
      if (raw === undefined || raw === null) continue;
      const f = this.requireField('search', name, 'search', issues);
      if (!f) continue;
      const terms = Array.isArray(raw) ? raw : [raw];
      if (terms.length > MAX_SEARCH_TERMS) {
        issues.push({ path: `search.${name}`, code: 'arrayMaxSize', message: `search.${name} accepts at most ${MAX_SEARCH_TERMS} terms (got ${terms.length})` });
        continue;
      }
      const col = f.type === 'string[]' ? `array_to_string(${this.column(alias, name)}, ' ')` : `${this.column(alias, name)}::text`;
      const patterns: string[] = [];
      terms.forEach((term, i) => {
        if (!isTerm(term)) {
          const path = Array.isArray(raw) ? `search.${name}[${i}]` : `search.${name}`;
          issues.push({ path, code: 'invalidValue', message: `${path} must be ${STRING_RULE}` });
          return;
        }
        patterns.push(`%${escapeLike(term)}%`);
      });
      if (!patterns.length || patterns.length !== terms.length) continue;
      // Backslash is LIKE's default escape character, which escapeLike relies on.
      const p = this.param();
      searchClauses.push(`${col} ILIKE ANY(:${p})`);
      searchParams[p] = patterns;
    }
    if (searchClauses.length) qb.andWhere(`(${searchClauses.join(' OR ')})`, searchParams);

    for (const [section, op] of [
      ['greaterThan', '>'],
      ['lessThan', '<'],
    ] as const) {
      for (const [name, raw] of Object.entries(query[section] ?? {})) {
        if (raw === undefined) continue;
        const f = this.requireField(section, name, 'range', issues);
        if (!f) continue;
        const v = coerce(this.spec, name, f, raw, `${section}.${name}`, issues);
        if (v === undefined) continue;
        const p = this.param();
        qb.andWhere(`${this.column(alias, name)} ${op} :${p}`, { [p]: v });
      }
    }

    if (query.sortBy !== undefined && !this.spec.fields[query.sortBy]?.sort) {
      issues.push({ path: 'sortBy', code: 'unknownField', message: `sortBy ${query.sortBy} is not a sortable field of ${this.spec.name}` });
    }
    const allowed = allowedExtends(this.spec);
    for (const path of query.extend ?? []) {
      if (!allowed.includes(path)) issues.push({ path: 'extend', code: 'unknownRelation', message: `extend ${path} is not allowed for ${this.spec.name}` });
    }
    if (issues.length) throw new SearchValidationError(issues);
  }

  applyOrder(qb: SelectQueryBuilder<E>, alias: string, query: SearchQuery): void {
    const field = query.sortBy ?? this.spec.defaultSort?.field ?? 'createdAt';
    const direction = (query.sortDirection ?? (query.sortBy ? 'asc' : (this.spec.defaultSort?.direction ?? 'desc'))).toUpperCase() as 'ASC' | 'DESC';
    qb.orderBy(this.column(alias, field), direction, direction === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST');
    // A stable tie-breaker keeps pages from overlapping.
    if (field !== 'id') qb.addOrderBy(`${alias}."id"`, direction);
  }

  /** Runs the page query with the total in the same round-trip (window count). */
  async execute(qb: SelectQueryBuilder<E>, alias: string, query: SearchQuery): Promise<SearchResult<E>> {
    const page = query.page ?? 0;
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(page) || page < 0 || page > MAX_PAGE) throw new SearchValidationError([{ path: 'page', code: 'outOfRange', message: `page must be an integer between 0 and ${MAX_PAGE}` }]);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new SearchValidationError([{ path: 'limit', code: 'max', message: `limit must be an integer between 1 and ${MAX_LIMIT}` }]);
    this.applyWhere(qb, alias, query);
    const countQb = qb.clone();
    this.applyOrder(qb, alias, query);
    qb.addSelect('COUNT(*) OVER()', '__total')
      .offset(page * limit)
      .limit(limit);
    const { entities, raw } = await qb.getRawAndEntities<{ __total: string }>();
    // Past the last page the window count has no row to ride on: count separately.
    const total = raw.length ? Number(raw[0].__total) : page === 0 ? 0 : await countQb.getCount();
    return { items: entities, total, page, limit };
  }
}

/**
 * Loads `extend` relations for a page of entities in one query and attaches them in place.
 *
 * `scoped` is a fresh query builder over the same root the search ran on (e.g.
 * `repo.queryBuilder(domainId, 'g')`), so the page is re-read through the tenant wall. Every
 * relation whose table has a domainId is joined on the request's domain (plus rows of no domain,
 * such as shared nodes): another tenant's row is never read, rather than read and dropped.
 * `domainId` null (an instance admin's view) joins relations unrestricted.
 */
export async function loadExtends<E extends ObjectLiteral & { id: string }>(
  scoped: SelectQueryBuilder<E>,
  spec: SearchSpec<E>,
  items: E[],
  extend: string[] | undefined,
  domainId: string | null,
): Promise<E[]> {
  if (!extend?.length || !items.length) return items;
  const allowed = allowedExtends(spec);
  const refused = extend.filter((p) => !allowed.includes(p));
  if (refused.length) {
    throw new SearchValidationError(refused.map((p) => ({ path: 'extend', code: 'unknownRelation', message: `extend ${p} is not allowed for ${spec.name}` })));
  }
  const root = scoped.expressionMap.mainAlias;
  if (!root?.hasMetadata) throw new Error('loadExtends needs a query builder over an entity');
  const aliases = new Map<string, { alias: string; metadata: EntityMetadata }>([['', { alias: root.name, metadata: root.metadata }]]);
  // Sorted with every prefix included, so a parent is always joined before its children.
  for (const path of allowedExtends({ ...spec, extend })) {
    const dot = path.lastIndexOf('.');
    const parent = aliases.get(dot < 0 ? '' : path.slice(0, dot))!;
    const property = path.slice(dot + 1);
    const relation = parent.metadata.findRelationWithPropertyPath(property);
    if (!relation) throw new Error(`${parent.metadata.name} has no relation ${property}`);
    const alias = `${parent.alias}__${property}`;
    const domainColumn = relation.inverseEntityMetadata.findColumnWithPropertyName('domainId');
    const condition =
      domainId && domainColumn ? `(${alias}."${domainColumn.databaseName}" = :__extendDomain${domainColumn.isNullable ? ` OR ${alias}."${domainColumn.databaseName}" IS NULL` : ''})` : undefined;
    scoped.leftJoinAndSelect(`${parent.alias}.${property}`, alias, condition, condition ? { __extendDomain: domainId } : undefined);
    aliases.set(path, { alias, metadata: relation.inverseEntityMetadata });
  }
  const loaded = await scoped.andWhere(`${root.name}."id" = ANY(:__extendIds)`, { __extendIds: items.map((i) => i.id) }).getMany();
  const byId = new Map(loaded.map((e) => [e.id, e as Record<string, unknown>]));
  const top = new Set(extend.map((p) => p.split('.')[0]));
  for (const item of items) {
    const row = byId.get(item.id);
    if (!row) continue;
    for (const rel of top) (item as Record<string, unknown>)[rel] = row[rel];
  }
  return items;
}
