import type { EntityTarget, ObjectLiteral } from 'typeorm';

export type FieldType = 'string' | 'uuid' | 'number' | 'boolean' | 'date' | 'enum' | 'string[]';

export interface FieldSpec {
  type: FieldType;
  /** Database column name when it differs from the API name. */
  column?: string;
  enum?: readonly string[];
  filter?: boolean;
  search?: boolean;
  sort?: boolean;
  range?: boolean;
}

/**
 * What one entity allows in `POST /<entity>/search`: declared once, next to its DTO.
 * Anything not declared is refused with a 400 naming it.
 */
export interface SearchSpec<E extends ObjectLiteral = ObjectLiteral> {
  /** Used for generated DTO class names, e.g. 'Gameserver' → GameserverSearchInput. */
  name: string;
  entity: EntityTarget<E>;
  fields: Record<string, FieldSpec>;
  /** Relation paths that `extend` may load (dot paths for nesting; every prefix is allowed too). */
  extend?: readonly string[];
  defaultSort?: { field: string; direction: 'asc' | 'desc' };
}

export interface SearchQuery {
  filters?: Record<string, unknown>;
  search?: Record<string, unknown>;
  greaterThan?: Record<string, unknown>;
  lessThan?: Record<string, unknown>;
  sortBy?: string;
  sortDirection?: 'asc' | 'desc';
  page?: number;
  limit?: number;
  extend?: string[];
}

export interface SearchResult<E> {
  items: E[];
  total: number;
  page: number;
  limit: number;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Highest page number: keeps OFFSET (page × limit) far below anything PostgreSQL or JS cannot count. */
export const MAX_PAGE = 1_000_000;
/** Most values one `filters` field may list (they are bound as one array parameter). */
export const MAX_FILTER_VALUES = 1000;
/** Most terms one `search` field may list. */
export const MAX_SEARCH_TERMS = 100;
/** Longest filter value or search term, in characters. */
export const MAX_TERM_LENGTH = 1000;
/** Dates are accepted from year 1 to year 9999: inside what PostgreSQL's timestamptz stores and ISO 8601 writes with four digits. */
export const MIN_DATE_YEAR = 1;
export const MAX_DATE_YEAR = 9999;

/** Every allowed extend path including implied prefixes ('a.b' allows 'a'). */
export function allowedExtends(spec: SearchSpec): string[] {
  const out = new Set<string>();
  for (const path of spec.extend ?? []) {
    const parts = path.split('.');
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
  }
  return [...out].sort();
}

export function fieldsWith(spec: SearchSpec, capability: 'filter' | 'search' | 'sort' | 'range'): string[] {
  return Object.entries(spec.fields)
    .filter(([, f]) => f[capability])
    .map(([name]) => name);
}
