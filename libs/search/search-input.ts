import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { numberRange } from './field-range';
import { allowedExtends, fieldsWith, MAX_DATE_YEAR, MAX_FILTER_VALUES, MAX_LIMIT, MAX_PAGE, MAX_SEARCH_TERMS, MAX_TERM_LENGTH, MIN_DATE_YEAR, SearchQuery, SearchSpec } from './search-spec';

/** A class with its prototype typed (a bare construct signature types `.prototype` as any); decorators are applied to it. */
type Ctor = { new (): object; prototype: object };
export type SearchInputClass = new () => SearchQuery;

/** The schema of one value of a field; numbers carry their column type's range. */
function scalarSchema(spec: SearchSpec, name: string): Record<string, unknown> {
  const field = spec.fields[name];
  switch (field.type) {
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'number': {
      // Resolving the range here also fails at boot for a number field without a numeric column.
      const r = numberRange(spec, name);
      return { type: r.integer ? 'integer' : 'number', minimum: r.min, maximum: r.max };
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date-time' };
    case 'enum':
      return { type: 'string', enum: [...(field.enum ?? [])] };
    default:
      return { type: 'string', maxLength: MAX_TERM_LENGTH };
  }
}

function named(name: string, cls: Ctor): Ctor {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/** A class whose properties are exactly `fields`, so unknown keys fail validation by name. */
function fieldsClass(className: string, spec: SearchSpec, fields: string[], mode: 'filter' | 'search' | 'range'): Ctor {
  const cls = named(className, class {});
  for (const name of fields) {
    const scalar = mode === 'search' ? { type: 'string', maxLength: MAX_TERM_LENGTH } : scalarSchema(spec, name);
    const maxItems = mode === 'search' ? MAX_SEARCH_TERMS : MAX_FILTER_VALUES;
    const schema = mode === 'range' ? scalar : { oneOf: [scalar, { type: 'array', items: scalar, maxItems }], nullable: mode === 'filter' };
    // Dynamic properties have no TypeScript type; tell Swagger not to go looking for a class.
    Reflect.defineMetadata('design:type', Object, cls.prototype, name);
    const what =
      mode === 'filter'
        ? `Exact match; an array (at most ${MAX_FILTER_VALUES} values) means any of; null matches empty`
        : mode === 'search'
          ? `Case-insensitive substring; an array (at most ${MAX_SEARCH_TERMS} terms) means any of`
          : 'Exclusive bound';
    const dates = spec.fields[name].type === 'date' && mode !== 'search' ? `; dates between the years ${MIN_DATE_YEAR} and ${MAX_DATE_YEAR}` : '';
    ApiPropertyOptional({ ...schema, description: what + dates })(cls.prototype, name);
    // Values are checked against their column in the engine, which names the bad field in its 400.
    Allow()(cls.prototype, name);
  }
  return cls;
}

const cache = new Map<SearchSpec, Ctor>();

/** Builds the validated, documented request body class for one entity's search route. */
export function createSearchInput(spec: SearchSpec): SearchInputClass {
  const existing = cache.get(spec);
  if (existing) return existing;
  const Filters = fieldsClass(`${spec.name}SearchFilters`, spec, fieldsWith(spec, 'filter'), 'filter');
  const Search = fieldsClass(`${spec.name}SearchTerms`, spec, fieldsWith(spec, 'search'), 'search');
  const Range = fieldsClass(`${spec.name}SearchRange`, spec, fieldsWith(spec, 'range'), 'range');
  const sortable = fieldsWith(spec, 'sort');
  const extendable = allowedExtends(spec);

  const Input = named(`${spec.name}SearchInput`, class {});
  const p = Input.prototype;
  const nested = (prop: string, T: Ctor) => {
    ApiPropertyOptional({ type: T })(p, prop);
    IsOptional()(p, prop);
    IsObject()(p, prop);
    ValidateNested()(p, prop);
    Type(() => T)(p, prop);
  };
  nested('filters', Filters);
  nested('search', Search);
  nested('greaterThan', Range);
  nested('lessThan', Range);

  ApiPropertyOptional({ enum: sortable.length ? sortable : undefined, type: 'string' })(p, 'sortBy');
  IsOptional()(p, 'sortBy');
  IsIn(sortable, { message: `sortBy must be one of: ${sortable.join(', ')}` })(p, 'sortBy');

  ApiPropertyOptional({ enum: ['asc', 'desc'] })(p, 'sortDirection');
  IsOptional()(p, 'sortDirection');
  IsIn(['asc', 'desc'])(p, 'sortDirection');

  ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_PAGE, default: 0, description: 'Page number, starting at 0' })(p, 'page');
  IsOptional()(p, 'page');
  IsInt()(p, 'page');
  Min(0)(p, 'page');
  Max(MAX_PAGE)(p, 'page');

  ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 100 })(p, 'limit');
  IsOptional()(p, 'limit');
  IsInt()(p, 'limit');
  Min(1)(p, 'limit');
  Max(MAX_LIMIT)(p, 'limit');

  ApiPropertyOptional({ type: 'array', items: { type: 'string', enum: extendable.length ? extendable : undefined } } as never)(p, 'extend');
  IsOptional()(p, 'extend');
  IsArray()(p, 'extend');
  ArrayMaxSize(20)(p, 'extend');
  IsIn(extendable, { each: true, message: `extend must only contain: ${extendable.join(', ') || '(nothing)'}` })(p, 'extend');

  cache.set(spec, Input);
  return Input;
}
