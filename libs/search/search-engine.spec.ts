import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Column, CreateDateColumn, DataSource, Entity, EntitySubscriberInterface, EventSubscriber, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { createThrowawayDatabase, ThrowawayDatabase } from '../../test/helpers/test-db';
import { numberRange } from './field-range';
import { escapeLike, loadExtends, SearchEngine, SearchValidationError } from './search-engine';
import { MAX_FILTER_VALUES, MAX_LIMIT, MAX_PAGE, MAX_SEARCH_TERMS, SearchQuery, SearchSpec } from './search-spec';

@Entity('widget_owner')
class WidgetOwner {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'text' }) name: string;
  @OneToMany(() => Widget, (w) => w.owner) widgets?: Widget[];
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
  extend: ['owner.widgets'],
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
    ds = new DataSource({ type: 'postgres', url: db.url, entities: [Widget, WidgetOwner], subscribers: [HydrationRecorder], synchronize: true });
    await ds.initialize();
    const owners = ds.getRepository(WidgetOwner);
    const o1 = await owners.save({ domainId: D1, name: 'owner-1' });
    const foreign = await owners.save({ domainId: D2, name: 'owner-foreign' });
    const w = ds.getRepository(Widget);
    await w.save([
      { domainId: D1, name: 'zero', size: 0, active: false, note: '', tags: ['a'], ownerId: o1.id },
      { domainId: D1, name: '100% pure', size: 10, active: true, note: null, tags: ['a', 'b'], ownerId: o1.id },
      { domainId: D1, name: 'under_score', size: 20, active: true, note: 'x', tags: [], ownerId: null },
      { domainId: D1, name: 'back\\slash', size: 30, active: true, note: 'y', tags: ['c'], ownerId: null },
      { domainId: D1, name: 'plain', size: 40, active: true, note: 'z', tags: [], ownerId: foreign.id },
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
});
