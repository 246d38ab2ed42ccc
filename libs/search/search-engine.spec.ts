import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Column, CreateDateColumn, DataSource, Entity, EntitySubscriberInterface, EventSubscriber, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { createThrowawayDatabase, ThrowawayDatabase } from '../../test/helpers/test-db';
import { numberRange } from './field-range';
import { escapeLike, loadExtends, SearchEngine, SearchIssue, SearchValidationError } from './search-engine';
import { allowedExtends, fieldsWith, MAX_FILTER_VALUES, MAX_LIMIT, MAX_PAGE, MAX_SEARCH_TERMS, MAX_TERM_LENGTH, SearchQuery, SearchSpec } from './search-spec';

@Entity('widget_owner')
class WidgetOwner {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'text' }) name: string;
  @OneToMany(() => Widget, (w) => w.owner) widgets?: Widget[];
}

/** Shelves of no domain are shared (like shared nodes): every tenant's extend may load them. */
@Entity('widget_shelf')
class WidgetShelf {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', nullable: true }) domainId: string | null;
  @Column({ type: 'text' }) name: string;
}

@Entity('widget')
class Widget {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'integer' }) size: number;
  @Column({ type: 'boolean' }) active: boolean;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'text', array: true, default: '{}' }) tags: string[];
  @Column({ type: 'uuid', nullable: true }) ownerId: string | null;
  @ManyToOne(() => WidgetOwner, (o) => o.widgets) @JoinColumn({ name: 'ownerId' }) owner?: WidgetOwner;
  @Column({ type: 'uuid', nullable: true }) shelfId: string | null;
  @ManyToOne(() => WidgetShelf) @JoinColumn({ name: 'shelfId' }) shelf?: WidgetShelf | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** Every entity TypeORM hydrates, whatever query it came from: what was read, not what was returned. */
const hydrated: Array<{ domainId?: string; name?: string }> = [];
@EventSubscriber()
class HydrationRecorder implements EntitySubscriberInterface {
  afterLoad(entity: { domainId?: string; name?: string }) {
    hydrated.push(entity);
  }
}

const SPEC: SearchSpec<Widget> = {
  name: 'Widget',
  entity: Widget,
  fields: {
    id: { type: 'uuid', filter: true },
    name: { type: 'string', filter: true, search: true, sort: true },
    size: { type: 'number', filter: true, sort: true, range: true },
    active: { type: 'boolean', filter: true },
    note: { type: 'string', filter: true, search: true },
    tags: { type: 'string[]', filter: true, search: true },
    createdAt: { type: 'date', sort: true, range: true },
  },
  extend: ['owner.widgets', 'shelf'],
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

const D1 = '11111111-1111-4111-8111-111111111111';
const D2 = '22222222-2222-4222-8222-222222222222';

describe('search engine on real PostgreSQL', () => {
  let db: ThrowawayDatabase;
  let ds: DataSource;

  const run = (query: SearchQuery, domainId = D1) => {
    const qb = ds.getRepository(Widget).createQueryBuilder('w').where('w."domainId" = :d', { d: domainId });
    return new SearchEngine(SPEC).execute(qb, 'w', query);
  };
  const names = async (query: SearchQuery) => (await run({ sortBy: 'name', sortDirection: 'asc', ...query })).items.map((w) => w.name);

  before(async () => {
    db = await createThrowawayDatabase('outpost_search');
    ds = new DataSource({ type: 'postgres', url: db.url, entities: [Widget, WidgetOwner, WidgetShelf], subscribers: [HydrationRecorder], synchronize: true });
    await ds.initialize();
    const owners = ds.getRepository(WidgetOwner);
    const o1 = await owners.save({ domainId: D1, name: 'owner-1' });
    const foreign = await owners.save({ domainId: D2, name: 'owner-foreign' });
    const shelves = ds.getRepository(WidgetShelf);
    const shared = await shelves.save({ domainId: null, name: 'shared-shelf' });
    const foreignShelf = await shelves.save({ domainId: D2, name: 'foreign-shelf' });
    const w = ds.getRepository(Widget);
    await w.save([
      { domainId: D1, name: 'zero', size: 0, active: false, note: '', tags: ['a'], ownerId: o1.id, shelfId: shared.id },
      { domainId: D1, name: '100% pure', size: 10, active: true, note: null, tags: ['a', 'b'], ownerId: o1.id },
      { domainId: D1, name: 'under_score', size: 20, active: true, note: 'x', tags: [], ownerId: null },
      { domainId: D1, name: 'back\\slash', size: 30, active: true, note: 'y', tags: ['c'], ownerId: null },
      { domainId: D1, name: 'plain', size: 40, active: true, note: 'z', tags: [], ownerId: foreign.id, shelfId: foreignShelf.id },
      { domainId: D2, name: 'other-domain', size: 0, active: false, note: '', tags: ['a'], ownerId: foreign.id },
      // A foreign key across the wall: another tenant's widget pointing at D1's owner.
      { domainId: D2, name: 'foreign-on-owner-1', size: 0, active: false, note: '', tags: [], ownerId: o1.id },
    ]);
  });
  after(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('0, false and "" are real filter values', async () => {
    assert.deepEqual(await names({ filters: { size: 0 } }), ['zero']);
    assert.deepEqual(await names({ filters: { active: false } }), ['zero']);
    assert.deepEqual(await names({ filters: { note: '' } }), ['zero']);
  });

  it('arrays mean any of; null matches NULL; an empty array matches nothing', async () => {
    assert.deepEqual(await names({ filters: { size: [10, 20] } }), ['100% pure', 'under_score']);
    assert.deepEqual(await names({ filters: { note: null } }), ['100% pure']);
    assert.deepEqual(await names({ filters: { note: [null, 'x'] } }), ['100% pure', 'under_score']);
    assert.deepEqual(await names({ filters: { size: [] } }), []);
    assert.deepEqual(await names({ filters: { tags: 'b' } }), ['100% pure']);
  });

  it('search is case-insensitive and treats % _ \\ literally; several fields are OR-ed, AND-ed with filters', async () => {
    assert.deepEqual(await names({ search: { name: 'PURE' } }), ['100% pure']);
    assert.deepEqual(await names({ search: { name: '%' } }), ['100% pure']);
    assert.deepEqual(await names({ search: { name: '_' } }), ['under_score']);
    assert.deepEqual(await names({ search: { name: '\\' } }), ['back\\slash']);
    assert.deepEqual(await names({ search: { name: 'plain', note: 'x' } }), ['plain', 'under_score']);
    assert.deepEqual(await names({ search: { name: ['zer', 'plai'] }, filters: { active: true } }), ['plain']);
    assert.equal(escapeLike('a%b_c\\'), 'a\\%b\\_c\\\\');
  });

  it('greaterThan / lessThan bound numbers and dates', async () => {
    assert.deepEqual(await names({ greaterThan: { size: 10 }, lessThan: { size: 40 } }), ['back\\slash', 'under_score']);
    assert.equal((await run({ greaterThan: { createdAt: '2000-01-01T00:00:00Z' } })).total, 5);
    assert.equal((await run({ lessThan: { createdAt: '2000-01-01T00:00:00Z' } })).total, 0);
  });

  it('pages are stable, totals are right, and past the end is empty with the real total', async () => {
    const p0 = await run({ sortBy: 'size', sortDirection: 'asc', limit: 2, page: 0 });
    const p1 = await run({ sortBy: 'size', sortDirection: 'asc', limit: 2, page: 1 });
    const p9 = await run({ limit: 2, page: 9 });
    assert.deepEqual([p0.total, p1.total, p9.total], [5, 5, 5]);
    assert.deepEqual(
      [...p0.items, ...p1.items].map((w) => w.size),
      [0, 10, 20, 30],
    );
    assert.deepEqual(p9.items, []);
    assert.equal((await run({}, D2)).total, 2, 'the scope given by the caller holds');
  });

  it('refuses unknown fields, wrong types and bad paging with the field named', async () => {
    const bad = async (q: SearchQuery, path: string) => assert.rejects(run(q), (e: unknown) => e instanceof SearchValidationError && e.details.some((d) => d.path === path));
    await bad({ filters: { secret: 1 } }, 'filters.secret');
    await bad({ filters: { id: 'not-a-uuid' } }, 'filters.id');
    await bad({ filters: { size: 'ten' } }, 'filters.size');
    await bad({ search: { size: '1' } }, 'search.size');
    await bad({ greaterThan: { name: 'a' } }, 'greaterThan.name');
    await bad({ greaterThan: { createdAt: 'yesterday' } }, 'greaterThan.createdAt');
    await bad({ sortBy: 'note' }, 'sortBy');
    await bad({ extend: ['secrets'] }, 'extend');
    await bad({ limit: 1001 }, 'limit');
    await bad({ page: -1 }, 'page');
    await bad({ page: 1e17 }, 'page');
  });

  it('order: the field and direction asked for (else the spec default), NULLS FIRST ascending and LAST descending, then id in the same direction', () => {
    const order = (query: SearchQuery, spec: SearchSpec<Widget> = SPEC) => {
      const qb = ds.getRepository(Widget).createQueryBuilder('w');
      new SearchEngine(spec).applyOrder(qb, 'w', query);
      return qb.expressionMap.orderBys;
    };
    assert.deepEqual(order({ sortBy: 'name', sortDirection: 'desc' }), { 'w."name"': { order: 'DESC', nulls: 'NULLS LAST' }, 'w."id"': 'DESC' });
    assert.deepEqual(order({ sortBy: 'size' }), { 'w."size"': { order: 'ASC', nulls: 'NULLS FIRST' }, 'w."id"': 'ASC' });
    assert.deepEqual(order({}), { 'w."createdAt"': { order: 'DESC', nulls: 'NULLS LAST' }, 'w."id"': 'DESC' });
    assert.deepEqual(order({ sortDirection: 'asc' }), { 'w."createdAt"': { order: 'ASC', nulls: 'NULLS FIRST' }, 'w."id"': 'ASC' });
    const noDefault = { ...SPEC, defaultSort: undefined, fields: { ...SPEC.fields, id: { type: 'uuid' as const, sort: true } } };
    assert.deepEqual(order({}, noDefault), { 'w."createdAt"': { order: 'DESC', nulls: 'NULLS LAST' }, 'w."id"': 'DESC' });
    // Sorting by id needs no tie-breaker.
    assert.deepEqual(order({ sortBy: 'id', sortDirection: 'asc' }, noDefault), { 'w."id"': { order: 'ASC', nulls: 'NULLS FIRST' } });
  });

  it('page and limit bounds are inclusive: page 0..MAX_PAGE, limit 1..MAX_LIMIT, integers only, each refusal naming its field', async () => {
    const refusedWith = async (query: SearchQuery, path: string, message: string) =>
      assert.rejects(
        run(query),
        (err: unknown) => err instanceof SearchValidationError && JSON.stringify(err.details) === JSON.stringify([{ path, code: path === 'page' ? 'outOfRange' : 'max', message }]),
      );
    const pageMsg = `page must be an integer between 0 and ${MAX_PAGE}`;
    const limitMsg = `limit must be an integer between 1 and ${MAX_LIMIT}`;
    for (const page of [-1, MAX_PAGE + 1, 0.5]) await refusedWith({ page }, 'page', pageMsg);
    for (const limit of [0, MAX_LIMIT + 1, 1.5]) await refusedWith({ limit }, 'limit', limitMsg);
    assert.equal((await run({ page: MAX_PAGE, limit: 1 })).items.length, 0);
    assert.equal((await run({ limit: MAX_LIMIT })).items.length, 5);
    assert.equal((await run({ limit: 1 })).items.length, 1);
  });

  it('numbers are checked against the column type (integer, int32), dates against years 1-9999', async () => {
    const bad = async (q: SearchQuery, path: string) =>
      assert.rejects(run(q), (e: unknown) => e instanceof SearchValidationError && e.details.some((d) => d.path === path && /between/.test(d.message)));
    await bad({ filters: { size: 1.5 } }, 'filters.size');
    await bad({ filters: { size: 2147483648 } }, 'filters.size');
    await bad({ filters: { size: -2147483649 } }, 'filters.size');
    await bad({ filters: { size: [1, 1e308] } }, 'filters.size[1]');
    await bad({ greaterThan: { size: 1e20 } }, 'greaterThan.size');
    await bad({ lessThan: { size: 0.5 } }, 'lessThan.size');
    await bad({ greaterThan: { createdAt: -8.64e15 } }, 'greaterThan.createdAt');
    await bad({ lessThan: { createdAt: '-009999-01-01T00:00:00Z' } }, 'lessThan.createdAt');
    await bad({ lessThan: { createdAt: '+010000-01-01T00:00:00Z' } }, 'lessThan.createdAt');
    assert.deepEqual(await names({ filters: { size: 2147483647 } }), [], 'the int32 edge itself is a fine value');
    assert.equal((await run({ greaterThan: { createdAt: '0001-01-01T00:00:00Z' }, lessThan: { createdAt: '9999-12-31T00:00:00Z' } })).total, 5);
    assert.deepEqual(numberRange(SPEC as SearchSpec, 'size'), { sqlType: 'integer', integer: true, min: -2147483648, max: 2147483647 });
    assert.throws(() => numberRange({ ...SPEC, fields: { name: { type: 'number', filter: true } } }, 'name'), /not numeric/);
  });

  it('caps list sizes, and binds a long list as one array parameter', async () => {
    const tooMany = async (q: SearchQuery, path: string) =>
      assert.rejects(run(q), (e: unknown) => e instanceof SearchValidationError && e.details.length === 1 && e.details[0].path === path && e.details[0].code === 'arrayMaxSize');
    await tooMany({ filters: { name: Array(70_000).fill('a') } }, 'filters.name');
    await tooMany({ search: { name: Array(70_000).fill('a') } }, 'search.name');
    await tooMany({ filters: { size: Array(MAX_FILTER_VALUES + 1).fill(1) } }, 'filters.size');
    await tooMany({ search: { note: Array(MAX_SEARCH_TERMS + 1).fill('x') } }, 'search.note');

    const sizes = Array.from({ length: MAX_FILTER_VALUES }, (_, i) => i * 10);
    assert.deepEqual(await names({ filters: { size: sizes } }), ['100% pure', 'back\\slash', 'plain', 'under_score', 'zero']);
    const qb = ds.getRepository(Widget).createQueryBuilder('w').where('w."domainId" = :d', { d: D1 });
    new SearchEngine(SPEC).applyWhere(qb, 'w', { filters: { size: sizes, tags: ['a', 'c', 'zz'] }, search: { name: Array(MAX_SEARCH_TERMS).fill('x'), note: ['y', 'z'] } });
    const [, parameters] = qb.getQueryAndParameters();
    assert.equal(parameters.length, 5, 'domain + one array per filter + one array per searched field');
    assert.deepEqual(await names({ filters: { tags: ['c', 'b'] } }), ['100% pure', 'back\\slash']);
    assert.deepEqual(await names({ search: { name: ['ZER', 'plai', '%'] } }), ['100% pure', 'plain', 'zero']);
    assert.deepEqual(await names({ filters: { name: Array(MAX_FILTER_VALUES).fill('plain') } }), ['plain']);
  });

  it('refuses NUL bytes in strings (PostgreSQL text cannot hold them)', async () => {
    await assert.rejects(run({ filters: { name: 'a\u0000' } }), (e: unknown) => e instanceof SearchValidationError && e.details[0].path === 'filters.name');
    await assert.rejects(run({ search: { name: ['ok', '\u0000'] } }), (e: unknown) => e instanceof SearchValidationError && e.details[0].path === 'search.name[1]');
  });

  const scoped = (domainId: string) => ds.getRepository(Widget).createQueryBuilder('w').where('w."domainId" = :d', { d: domainId });

  it('extend loads nested relations in one query, joined inside the domain', async () => {
    const page = await run({ sortBy: 'name', sortDirection: 'asc' });
    let queries = 0;
    const logger = ds.logger;
    (ds as { logger: unknown }).logger = Object.assign(Object.create(logger) as object, { logQuery: () => queries++ });
    try {
      await loadExtends(scoped(D1), SPEC, page.items, ['owner', 'owner.widgets'], D1);
    } finally {
      (ds as { logger: unknown }).logger = logger;
    }
    assert.equal(queries, 1, 'one query for the whole page');
    const pure = page.items.find((w) => w.name === '100% pure')!;
    assert.equal(pure.owner?.name, 'owner-1');
    assert.deepEqual(pure.owner?.widgets?.map((w) => w.name).sort(), ['100% pure', 'zero']);
    const plain = page.items.find((w) => w.name === 'plain')!;
    assert.equal(plain.owner, null, 'a foreign owner is never attached');
    assert.equal(page.items.find((w) => w.name === 'under_score')!.owner, null, 'no owner is null, as before');
  });

  it("extend never reads another tenant's row, even through a foreign key that crosses domains", async () => {
    const page = await run({ sortBy: 'name', sortDirection: 'asc' });
    hydrated.length = 0;
    await loadExtends(scoped(D1), SPEC, page.items, ['owner', 'owner.widgets'], D1);
    assert.ok(
      hydrated.some((e) => e.name === 'owner-1'),
      'the recorder sees what the extend loads',
    );
    assert.deepEqual(
      hydrated.filter((e) => e.domainId !== D1).map((e) => e.name),
      [],
      "no row of another domain is hydrated (not 'owner-foreign', not 'foreign-on-owner-1')",
    );
    // An instance admin's view (no domain) joins unrestricted, so the cross-domain row is there to be missed above.
    const all = await run({ filters: { name: 'zero' } });
    await loadExtends(scoped(D1), SPEC, all.items, ['owner.widgets'], null);
    assert.deepEqual(all.items[0].owner?.widgets?.map((w) => w.name).sort(), ['100% pure', 'foreign-on-owner-1', 'zero']);
  });

  it('extend refuses relations the spec does not allow, and only re-reads rows the scoped root still sees', async () => {
    const page = await run({ filters: { name: '100% pure' } });
    await assert.rejects(loadExtends(scoped(D1), SPEC, page.items, ['secrets'], D1), SearchValidationError);
    const asOtherTenant = await loadExtends(
      scoped(D2),
      SPEC,
      page.items.map((w) => ({ ...w, owner: undefined })),
      ['owner'],
      D2,
    );
    assert.equal(asOtherTenant[0].owner, undefined, "a root scoped to D2 does not load relations for D1's widget");
  });

  /** The exact refusal: every issue (path, code, message) in order, and the error message joining them. */
  const refusedExactly = (query: SearchQuery, details: SearchIssue[], spec: SearchSpec<Widget> = SPEC) =>
    assert.rejects(
      () => new SearchEngine(spec).execute(scoped(D1), 'w', query),
      (e: unknown) => {
        assert.ok(e instanceof SearchValidationError, String(e));
        assert.deepEqual(e.details, details);
        return true;
      },
    );
  const issue = (path: string, code: string, message: string): SearchIssue => ({ path, code, message });
  const INT_RULE = 'an integer between -2147483648 and 2147483647';
  const DATE_RULE = 'an ISO 8601 date between the years 1 and 9999';
  const STRING_RULE = `a string of at most ${MAX_TERM_LENGTH} characters without NUL bytes`;

  it('each refusal names the field, says what it must be and carries a code; the error message lists them all', async () => {
    await refusedExactly({ filters: { secret: 1 } }, [issue('filters.secret', 'unknownField', 'filters.secret is not a filterable field of Widget')]);
    await refusedExactly({ search: { size: '1' } }, [issue('search.size', 'unknownField', 'search.size is not a searchable field of Widget')]);
    await refusedExactly({ greaterThan: { name: 'a' } }, [issue('greaterThan.name', 'unknownField', 'greaterThan.name is not a range field of Widget')]);
    await refusedExactly({ lessThan: { note: 'a' } }, [issue('lessThan.note', 'unknownField', 'lessThan.note is not a range field of Widget')]);
    await refusedExactly({ sortBy: 'note' }, [issue('sortBy', 'unknownField', 'sortBy note is not a sortable field of Widget')]);
    await refusedExactly({ sortBy: 'secret' }, [issue('sortBy', 'unknownField', 'sortBy secret is not a sortable field of Widget')]);
    await refusedExactly({ extend: ['owner', 'secrets'] }, [issue('extend', 'unknownRelation', 'extend secrets is not allowed for Widget')]);
    await refusedExactly({ filters: { active: 'true' } }, [issue('filters.active', 'invalidValue', 'filters.active must be a boolean')]);
    await refusedExactly({ filters: { size: 'ten' } }, [issue('filters.size', 'invalidValue', `filters.size must be ${INT_RULE}`)]);
    await refusedExactly({ filters: { size: [1, 2147483648] } }, [issue('filters.size[1]', 'outOfRange', `filters.size[1] must be ${INT_RULE}`)]);
    await refusedExactly({ greaterThan: { createdAt: 'yesterday' } }, [issue('greaterThan.createdAt', 'invalidValue', `greaterThan.createdAt must be ${DATE_RULE}`)]);
    await refusedExactly({ lessThan: { createdAt: true } }, [issue('lessThan.createdAt', 'invalidValue', `lessThan.createdAt must be ${DATE_RULE}`)]);
    await refusedExactly({ lessThan: { createdAt: '+010000-01-01T00:00:00Z' } }, [issue('lessThan.createdAt', 'outOfRange', `lessThan.createdAt must be ${DATE_RULE}`)]);
    await refusedExactly({ filters: { name: 'a\u0000' } }, [issue('filters.name', 'invalidValue', `filters.name must be ${STRING_RULE}`)]);
    await refusedExactly({ search: { name: 'a\u0000' } }, [issue('search.name', 'invalidValue', `search.name must be ${STRING_RULE}`)]);
    await refusedExactly({ search: { name: ['ok', 1] } }, [issue('search.name[1]', 'invalidValue', `search.name[1] must be ${STRING_RULE}`)]);
    await refusedExactly({ filters: { size: Array(MAX_FILTER_VALUES + 1).fill(1) } }, [issue('filters.size', 'arrayMaxSize', 'filters.size accepts at most 1000 values (got 1001)')]);
    await refusedExactly({ search: { note: Array(MAX_SEARCH_TERMS + 1).fill('x') } }, [issue('search.note', 'arrayMaxSize', 'search.note accepts at most 100 terms (got 101)')]);

    // Several problems are all reported at once, in the order of the body's sections.
    await assert.rejects(run({ filters: { secret: 1, id: 'x' }, sortBy: 'secret' }), {
      name: 'Error',
      message: 'Invalid search: filters.secret is not a filterable field of Widget; filters.id must be a UUID; sortBy secret is not a sortable field of Widget',
    });
  });

  it('a UUID filter matches its row in any letter case, and only a whole UUID is accepted', async () => {
    const [zero] = (await run({ filters: { name: 'zero' } })).items;
    assert.deepEqual(await names({ filters: { id: zero.id } }), ['zero']);
    assert.deepEqual(await names({ filters: { id: zero.id.toUpperCase() } }), ['zero']);
    assert.deepEqual(await names({ filters: { id: 'ABCDEF01-2345-4789-ABCD-EF0123456789' } }), []);
    for (const id of [`x${zero.id}`, `${zero.id}0`, zero.id.slice(1), `{${zero.id}}`, 'g1111111-1111-4111-8111-111111111111', zero.id.replace(/-/g, ''), 42]) {
      await refusedExactly({ filters: { id } }, [issue('filters.id', 'invalidValue', 'filters.id must be a UUID')]);
    }
  });

  it('strings up to MAX_TERM_LENGTH characters are accepted, one more is refused', async () => {
    const longest = 'a'.repeat(MAX_TERM_LENGTH);
    assert.deepEqual(await names({ filters: { name: longest } }), []);
    assert.deepEqual(await names({ search: { name: longest } }), []);
    await refusedExactly({ filters: { name: `${longest}a` } }, [issue('filters.name', 'invalidValue', `filters.name must be ${STRING_RULE}`)]);
    await refusedExactly({ search: { note: [`${longest}a`] } }, [issue('search.note[0]', 'invalidValue', `search.note[0] must be ${STRING_RULE}`)]);
  });

  it('the lowest integer of the column is a fine value; dates may be epoch milliseconds', async () => {
    assert.deepEqual(await names({ filters: { size: -2147483648 } }), []);
    assert.deepEqual(await names({ greaterThan: { size: -2147483648 }, lessThan: { size: 1 } }), ['zero']);
    assert.equal((await run({ greaterThan: { createdAt: 0 } })).total, 5);
    assert.equal((await run({ lessThan: { createdAt: 0 } })).total, 0);
  });

  it('a number field over a floating-point column accepts fractions within the float range', async () => {
    class Reading {
      @Column({ type: 'real' }) weight: number;
    }
    const readings = { name: 'Reading', entity: Reading, fields: { weight: { type: 'number', filter: true, range: true } } } as unknown as SearchSpec<Widget>;
    const apply = (query: SearchQuery) => new SearchEngine(readings).applyWhere(scoped(D1), 'w', query);
    assert.doesNotThrow(() => apply({ filters: { weight: 1.5 }, greaterThan: { weight: -0.25 } }));
    const rule = 'a number between -3.4028234663852886e+38 and 3.4028234663852886e+38';
    assert.throws(() => apply({ filters: { weight: 'heavy' } }), { details: [issue('filters.weight', 'invalidValue', `filters.weight must be ${rule}`)] });
    assert.throws(() => apply({ greaterThan: { weight: 1e39 } }), { details: [issue('greaterThan.weight', 'outOfRange', `greaterThan.weight must be ${rule}`)] });
  });

  it('an enum field accepts only its declared values', async () => {
    const withKind: SearchSpec<Widget> = { ...SPEC, fields: { ...SPEC.fields, kind: { type: 'enum', enum: ['zero', 'plain'], column: 'name', filter: true } } };
    const kinds = async (query: SearchQuery) => (await new SearchEngine(withKind).execute(scoped(D1), 'w', { sortBy: 'name', sortDirection: 'asc', ...query })).items.map((w) => w.name);
    assert.deepEqual(await kinds({ filters: { kind: 'plain' } }), ['plain']);
    assert.deepEqual(await kinds({ filters: { kind: ['zero', 'plain'] } }), ['plain', 'zero']);
    for (const kind of ['other', 'PLAIN', 1]) {
      await refusedExactly({ filters: { kind } }, [issue('filters.kind', 'invalidValue', 'filters.kind must be one of: zero, plain')], withKind);
    }
  });

  it('fields left undefined (or a null search) add no condition; an empty search list adds none either', async () => {
    const all = ['100% pure', 'back\\slash', 'plain', 'under_score', 'zero'];
    assert.deepEqual(await names({ filters: { size: undefined } }), all);
    assert.deepEqual(await names({ search: { name: null, note: undefined } }), all);
    assert.deepEqual(await names({ greaterThan: { size: undefined }, lessThan: { createdAt: undefined } }), all);
    assert.deepEqual(await names({ search: { name: [] } }), all);
    // Unlike a filter, where an empty list matches nothing (also for arrays).
    assert.deepEqual(await names({ filters: { tags: [] } }), []);
  });

  it('searching an array field matches its elements joined by spaces, not its {a,b} text form', async () => {
    assert.deepEqual(await names({ search: { tags: 'C' } }), ['back\\slash']);
    assert.deepEqual(await names({ search: { tags: 'a b' } }), ['100% pure']);
    assert.deepEqual(await names({ search: { tags: ['{', 'a,b'] } }), []);
  });

  it('allowed extend paths pass validation', async () => {
    assert.equal((await run({ extend: ['owner', 'owner.widgets', 'shelf'] })).total, 5);
  });

  it('an empty first page costs one query; past the last page the total is counted separately', async () => {
    let queries = 0;
    const logger = ds.logger;
    (ds as { logger: unknown }).logger = Object.assign(Object.create(logger) as object, { logQuery: () => queries++ });
    try {
      assert.deepEqual(await run({ filters: { name: 'nobody' } }), { items: [], total: 0, page: 0, limit: 100 });
      assert.equal(queries, 1);
      assert.deepEqual(await run({ page: 3, limit: 2 }), { items: [], total: 5, page: 3, limit: 2 });
      assert.equal(queries, 3);
    } finally {
      (ds as { logger: unknown }).logger = logger;
    }
  });

  it("extend loads shared rows (no domain) but not another tenant's, and refuses with the exact issue", async () => {
    const page = await run({ sortBy: 'name', sortDirection: 'asc' });
    await loadExtends(scoped(D1), SPEC, page.items, ['shelf'], D1);
    assert.equal(page.items.find((w) => w.name === 'zero')!.shelf?.name, 'shared-shelf');
    assert.equal(page.items.find((w) => w.name === 'plain')!.shelf, null, "another tenant's shelf is never attached");
    await assert.rejects(loadExtends(scoped(D1), SPEC, page.items, ['owner', 'secrets', 'shelf.x'], D1), (e: unknown) => {
      assert.ok(e instanceof SearchValidationError);
      assert.deepEqual(e.details, [issue('extend', 'unknownRelation', 'extend secrets is not allowed for Widget'), issue('extend', 'unknownRelation', 'extend shelf.x is not allowed for Widget')]);
      return true;
    });
  });

  it('extend fails loudly on a spec naming a relation the entity lacks, or a root without an entity', async () => {
    const page = await run({ filters: { name: 'zero' } });
    await assert.rejects(loadExtends(scoped(D1), { ...SPEC, extend: ['nothing'] }, page.items, ['nothing'], D1), { message: 'Widget has no relation nothing' });
    const raw = ds.createQueryBuilder().select('1').from('pg_class', 'c') as unknown as ReturnType<typeof scoped>;
    await assert.rejects(loadExtends(raw, SPEC, page.items, ['owner'], D1), { message: 'loadExtends needs a query builder over an entity' });
  });
});

describe('search spec helpers (what the generated DTO and OpenAPI schema list)', () => {
  it('allowedExtends lists every prefix once, sorted; a spec without extend allows none', () => {
    assert.deepEqual(allowedExtends({ ...SPEC, extend: ['owner.widgets', 'b.c', 'a', 'owner'] }), ['a', 'b', 'b.c', 'owner', 'owner.widgets']);
    assert.deepEqual(allowedExtends({ ...SPEC, extend: undefined }), []);
  });

  it('fieldsWith lists the fields having a capability, in declaration order', () => {
    assert.deepEqual(fieldsWith(SPEC, 'sort'), ['name', 'size', 'createdAt']);
    assert.deepEqual(fieldsWith(SPEC, 'range'), ['size', 'createdAt']);
    assert.deepEqual(fieldsWith(SPEC, 'search'), ['name', 'note', 'tags']);
    assert.deepEqual(fieldsWith(SPEC, 'filter'), ['id', 'name', 'size', 'active', 'note', 'tags']);
  });
});
