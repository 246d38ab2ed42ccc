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
