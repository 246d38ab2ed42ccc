import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Column } from 'typeorm';
import { numberRange } from './field-range';
import { SearchSpec } from './search-spec';

// Only the column decorators matter: numberRange reads TypeORM's metadata args, no DataSource is involved.
class Gauge {
  @Column({ type: 'smallint' }) smallint: number;
  @Column({ type: 'int2' }) int2: number;
  @Column({ type: 'integer' }) integer: number;
  @Column({ type: 'int' }) int: number;
  @Column({ type: 'int4' }) int4: number;
  @Column({ type: 'bigint' }) bigint: number;
  @Column({ type: 'int8' }) int8: number;
  @Column({ type: 'real' }) real: number;
  @Column({ type: 'float4' }) float4: number;
  @Column({ type: 'double precision' }) doublePrecision: number;
  @Column({ type: 'float8' }) float8: number;
  @Column({ type: 'float' }) float: number;
  @Column({ type: 'numeric' }) numeric: number;
  @Column({ type: 'decimal' }) decimal: number;
  /** Declared types are case-insensitive, as in SQL. */
  @Column({ type: 'DOUBLE PRECISION' as 'double precision' }) shouted: number;
  /** No declared type: TypeORM takes the TypeScript type (`Number`) and maps it to integer on PostgreSQL. */
  @Column() undeclared: number;
  /** `type: Number` with a nullable TypeScript type (design:type is Object, not Number): still integer. */
  @Column({ type: Number, nullable: true }) numberCtor: number | null;
  /** No declared type and a string property (TypeORM records `String`): not numeric. */
  @Column() label: string;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'integer', name: 'db_level' }) level: number;
}

/** A subclass inherits its parent's columns: the range is read from the parent's column. */
class TallGauge extends Gauge {
  @Column({ type: 'text' }) extra: string;
}

/** Another entity with no `size` column: a column of the same name elsewhere must not be used. */
class Other {
  @Column({ type: 'text' }) name: string;
}
class HasSize {
  @Column({ type: 'smallint' }) size: number;
}

const spec = (entity: SearchSpec['entity'], fields: SearchSpec['fields'] = {}): SearchSpec => ({ name: 'Gauge', entity, fields });
const range = (name: string, fields: SearchSpec['fields'] = { [name]: { type: 'number', filter: true } }) => numberRange(spec(Gauge, fields), name);

const INT16 = { integer: true, min: -32768, max: 32767 };
const INT32 = { integer: true, min: -2147483648, max: 2147483647 };
const SAFE = { integer: true, min: -9007199254740991, max: 9007199254740991 };
const FLOAT4 = { integer: false, min: -3.4028234663852886e38, max: 3.4028234663852886e38 };
const FLOAT8 = { integer: false, min: -1.7976931348623157e308, max: 1.7976931348623157e308 };

describe('numberRange: the SQL type of a number field decides what it accepts', () => {
  it('maps every numeric PostgreSQL type (and its aliases) to its range', () => {
    const expected: Record<string, [string, typeof INT16]> = {
      smallint: ['smallint', INT16],
      int2: ['int2', INT16],
      integer: ['integer', INT32],
      int: ['int', INT32],
      int4: ['int4', INT32],
      bigint: ['bigint', SAFE],
      int8: ['int8', SAFE],
      real: ['real', FLOAT4],
      float4: ['float4', FLOAT4],
      doublePrecision: ['double precision', FLOAT8],
      float8: ['float8', FLOAT8],
      float: ['float', FLOAT8],
      numeric: ['numeric', FLOAT8],
      decimal: ['decimal', FLOAT8],
      shouted: ['double precision', FLOAT8],
    };
    for (const [field, [sqlType, r]] of Object.entries(expected)) {
      assert.deepEqual(range(field), { sqlType, ...r }, field);
    }
  });

  it('an undeclared or `Number` column type is integer, following TypeORM; an undeclared string column is refused', () => {
    assert.deepEqual(range('undeclared'), { sqlType: 'integer', ...INT32 });
    assert.deepEqual(range('numberCtor'), { sqlType: 'integer', ...INT32 });
    assert.throws(() => range('label'), /^Error: Search spec Gauge: number field label maps to column "label" of type .*String.*, which is not numeric$/);
    assert.throws(() => range('text'), { message: 'Search spec Gauge: number field text maps to column "text" of type text, which is not numeric' });
  });

  it('reads the column under its database name, through the field `column`, and from a parent entity', () => {
    assert.deepEqual(range('lvl', { lvl: { type: 'number', filter: true, column: 'db_level' } }), { sqlType: 'integer', ...INT32 });
    // A name the spec does not list is looked up as a column of that name.
    assert.deepEqual(numberRange(spec(Gauge), 'real'), { sqlType: 'real', ...FLOAT4 });
    assert.deepEqual(numberRange(spec(TallGauge, { int2: { type: 'number', filter: true } }), 'int2'), { sqlType: 'int2', ...INT16 });
  });

  it('refuses, at boot, a number field without a column on its own entity or without an entity class', () => {
    assert.ok(numberRange(spec(HasSize), 'size'), 'another entity has a `size` column');
    assert.throws(() => numberRange(spec(Other, { size: { type: 'number', filter: true } }), 'size'), {
      message: 'Search spec Gauge: number field size has no column "size" on Other',
    });
    assert.throws(() => numberRange(spec(TallGauge), 'missing'), { message: 'Search spec Gauge: number field missing has no column "missing" on TallGauge' });
    assert.throws(() => numberRange(spec('gauge'), 'size'), { message: 'Search spec Gauge: number field size needs an entity class to read its column type from' });
  });

  it('resolves a field once per spec (the same answer object, no second metadata walk)', () => {
    const s = spec(Gauge, { real: { type: 'number', filter: true } });
    assert.equal(numberRange(s, 'real'), numberRange(s, 'real'));
  });
});
