import { getMetadataArgsStorage } from 'typeorm';
import type { FieldSpec, SearchSpec } from './search-spec';

/** What a `number` search field accepts: the range of its column's SQL type. */
export interface NumberRange {
  /** The column's type as declared on the entity, e.g. `integer`. */
  sqlType: string;
  integer: boolean;
  min: number;
  max: number;
}

const INT16 = { integer: true, min: -32_768, max: 32_767 };
const INT32 = { integer: true, min: -2_147_483_648, max: 2_147_483_647 };
// bigint columns hold more, but JSON numbers are only exact up to 2^53.
const SAFE_INT = { integer: true, min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
const FLOAT4 = { integer: false, min: -3.4028234663852886e38, max: 3.4028234663852886e38 };
const FLOAT8 = { integer: false, min: -Number.MAX_VALUE, max: Number.MAX_VALUE };

const BY_SQL_TYPE: Record<string, Omit<NumberRange, 'sqlType'>> = {
  smallint: INT16,
  int2: INT16,
  integer: INT32,
  int: INT32,
  int4: INT32,
  bigint: SAFE_INT,
  int8: SAFE_INT,
  real: FLOAT4,
  float4: FLOAT4,
  'double precision': FLOAT8,
  float8: FLOAT8,
  float: FLOAT8,
  numeric: FLOAT8,
  decimal: FLOAT8,
};

const cache = new WeakMap<SearchSpec, Map<string, NumberRange>>();

/** The entity's column args for a database column name, walking up entity inheritance. */
function columnArgs(entity: Function, column: string) {
  const columns = getMetadataArgsStorage().columns;
  for (let target: Function | null = entity; target && target !== Function.prototype; target = Object.getPrototypeOf(target) as Function | null) {
    const found = columns.find((c) => c.target === target && (c.options.name ?? c.propertyName) === column);
    if (found) return found;
  }
  return undefined;
}

/**
 * The range a `number` field accepts, read from the TypeORM column of the spec's entity (one
 * source of truth: the column type decides, nothing to keep in sync). Throws at boot when the
 * field has no numeric column, so a mistyped spec never reaches a request.
 */
export function numberRange(spec: SearchSpec, name: string): NumberRange {
  let byField = cache.get(spec);
  if (!byField) cache.set(spec, (byField = new Map<string, NumberRange>()));
  const known = byField.get(name);
  if (known) return known;

  const field: FieldSpec | undefined = spec.fields[name];
  const column = field?.column ?? name;
  const entity = spec.entity;
  if (typeof entity !== 'function') throw new Error(`Search spec ${spec.name}: number field ${name} needs an entity class to read its column type from`);
  const args = columnArgs(entity, column);
  if (!args) throw new Error(`Search spec ${spec.name}: number field ${name} has no column "${column}" on ${entity.name}`);
  let type = args.options.type;
  if (type === undefined || type === Number) {
    // Undeclared types follow the TypeScript type; TypeORM maps number to integer on PostgreSQL.
    const design: unknown = Reflect.getMetadata?.('design:type', (args.target as Function).prototype as object, args.propertyName);
    type = type === Number || design === Number ? 'integer' : undefined;
  }
  const sqlType = typeof type === 'string' ? type.toLowerCase() : '';
  const range = BY_SQL_TYPE[sqlType];
  if (!range) throw new Error(`Search spec ${spec.name}: number field ${name} maps to column "${column}" of type ${String(type)}, which is not numeric`);
  const resolved = { sqlType, ...range };
  byField.set(name, resolved);
  return resolved;
}
