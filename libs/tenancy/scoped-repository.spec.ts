import 'reflect-metadata';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Column, DataSource, Entity, In, PrimaryGeneratedColumn } from 'typeorm';
import { createThrowawayDatabase, ThrowawayDatabase } from '../../test/helpers/test-db';
import { DomainId, isUuid, MissingDomainError, trustedDomainId } from './domain-id';
import { ScopedRepository } from './scoped-repository';

// The tenancy wall on a real PostgreSQL: two domains' rows side by side, and every method must
// see, change or delete only the rows of the domain it is given.
@Entity('scoped_item')
class Item {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'text' }) name: string;
}

@Entity('shared_item')
class SharedItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', nullable: true }) domainId: string;
  @Column({ type: 'text' }) name: string;
}

/** Exposes the protected instance-row and crossing helpers to the test. */
class Items<E extends Item | SharedItem> extends ScopedRepository<E> {
  withInstance(domainId: DomainId, alias: string) {
    return this.queryBuilderWithInstanceRows(domainId, alias);
  }
  instanceOnly(alias: string) {
    return this.instanceQueryBuilder(alias);
  }
  insertInstance(values: Partial<E>) {
    return this.insertInstanceRow(values as never);
  }
  insertInstances(rows: Array<Partial<E>>) {
    return this.insertInstanceRows(rows as never);
  }
  updateInstance(id: string, patch: Partial<E>) {
    return this.updateInstanceRow(id, patch as never);
  }
  deleteInstance(id: string) {
    return this.deleteInstanceRow(id);
  }
  fromRow(row: Partial<E>) {
    return this.entityFrom(row as never);
  }
  cross() {
    return this.crossDomain('agentNode');
  }
}

const A = trustedDomainId(randomUUID());
const B = trustedDomainId(randomUUID());
const names = (rows: Array<{ name: string }>) => rows.map((r) => r.name).sort();

describe('ScopedRepository', () => {
  let db: ThrowawayDatabase;
  let ds: DataSource;
  let items: Items<Item>;
  let shared: Items<SharedItem>;
  const queries: string[] = [];

  before(async () => {
    db = await createThrowawayDatabase('outpost_tenancy');
    ds = new DataSource({
      type: 'postgres',
      url: db.url,
      entities: [Item, SharedItem],
      synchronize: true,
      logging: ['query'],
      logger: {
        logQuery: (q: string) => void queries.push(q),
        logQueryError: () => undefined,
        logQuerySlow: () => undefined,
        logSchemaBuild: () => undefined,
        logMigration: () => undefined,
        log: () => undefined,
      },
    });
    await ds.initialize();
    items = new Items<Item>(ds.getRepository(Item));
    shared = new Items<SharedItem>(ds.getRepository(SharedItem));
  });
  after(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('domain ids: only well-formed UUIDs are trusted', () => {
    assert.equal(isUuid(A), true);
    assert.equal(isUuid(A.toUpperCase()), true);
    for (const bad of ['', 'x', `${A}x`, `x${A}`, A.slice(1), 42, null, undefined]) assert.equal(isUuid(bad), false, String(bad));
    for (const bad of ['', null, undefined, 'not-a-uuid']) assert.throws(() => trustedDomainId(bad), MissingDomainError);
    assert.equal(new MissingDomainError().message, 'A domain id is required for domain-scoped data access');
  });

  it('every scoped method refuses a missing or malformed domain id before touching the database', async () => {
    for (const bad of ['', 'nope'] as DomainId[]) {
      await assert.rejects(async () => items.find(bad), MissingDomainError);
      await assert.rejects(async () => items.insert(bad, { name: 'x' }), MissingDomainError);
      await assert.rejects(async () => items.insertMany(bad, [{ name: 'x' }]), MissingDomainError);
      await assert.rejects(async () => items.deleteWhere(bad, { name: 'x' }), MissingDomainError);
      assert.throws(() => items.queryBuilder(bad, 'i'), MissingDomainError);
      assert.throws(() => shared.withInstance(bad, 's'), MissingDomainError);
    }
  });

  it('insert stamps the given domain, whatever the values say; reads see only that domain', async () => {
    const a1 = await items.insert(A, { name: 'a1', domainId: B });
    await items.insertMany(B, [{ name: 'b1' }, { name: 'b2', domainId: A }]);
    await items.insertMany(A, []);
    assert.equal(a1.domainId, A);
    assert.deepEqual(names(await items.find(A)), ['a1']);
    assert.deepEqual(names(await items.find(B)), ['b1', 'b2']);
    assert.deepEqual(
      (await items.find(B, undefined, { name: 'DESC' })).map((r) => r.name),
      ['b2', 'b1'],
    );
    assert.equal(await items.count(A), 1);
    assert.equal(await items.count(B, { name: 'b1' }), 1);
    assert.equal((await items.findOne(A, { name: 'b1' })) ?? 'none', 'none');
    assert.equal((await items.findById(A, a1.id))?.name, 'a1');
    assert.equal(await items.findById(B, a1.id), null);
    assert.equal(await items.findById(A, 'not-a-uuid'), null);
    assert.deepEqual(names(await items.queryBuilder(B, 'i').getMany()), ['b1', 'b2']);
    // A where clause naming the other domain cannot widen the scope.
    assert.deepEqual(await items.find(A, { domainId: B }), await items.find(A));
  });

  it('insertColumns: one statement, the given domain stamped, other columns only by entity property', async () => {
    const before = queries.length;
    await items.insertColumns(B, { name: 'text' }, [{ name: "c1 'quoted'" }, { name: 'c2' }, { name: 'c3', domainId: A }]);
    assert.equal(queries.length - before, 1, 'one statement for every row');
    assert.deepEqual(names(await items.find(B, { name: "c1 'quoted'" })), ["c1 'quoted'"]);
    assert.equal(await items.count(B, { name: 'c3' }), 1, 'a domainId in a row is ignored');
    assert.equal(await items.count(A, { name: 'c3' }), 0);
    const beforeEmpty = queries.length;
    await items.insertColumns(A, { name: 'text' }, []);
    assert.equal(queries.length, beforeEmpty, 'no rows, no statement');
    await assert.rejects(async () => items.insertColumns('nope' as DomainId, { name: 'text' }, [{ name: 'x' }]), MissingDomainError);
    await assert.rejects(async () => items.insertColumns(A, { domainId: 'uuid' }, [{ domainId: B }]), /no insertable column domainId/);
    await assert.rejects(async () => items.insertColumns(A, { nope: 'text' }, [{ nope: 'x' }]), /no insertable column nope/);
    assert.equal(await items.count(A, { name: 'x' }), 0);
    await items.deleteWhere(B, { name: In(["c1 'quoted'", 'c2', 'c3']) });
  });

  it('update patches only the own row and cannot move it to another domain or change its id', async () => {
    const row = await items.insert(A, { name: 'before' });
    assert.equal(await items.update(B, row.id, { name: 'hijacked' }), null);
    const updated = await items.update(A, row.id, { name: 'after', domainId: B, id: randomUUID() });
    assert.equal(updated?.id, row.id);
    assert.equal(updated?.domainId, A);
    const stored = await ds.getRepository(Item).findOneByOrFail({ id: row.id });
    assert.deepEqual({ name: stored.name, domainId: stored.domainId }, { name: 'after', domainId: A });
  });

  it('delete removes only the own row and says whether it did', async () => {
    const row = await items.insert(A, { name: 'doomed' });
    assert.equal(await items.delete(B, row.id), false);
    assert.equal(await items.delete(A, 'not-a-uuid'), false);
    assert.ok(await ds.getRepository(Item).findOneBy({ id: row.id }));
    assert.equal(await items.delete(A, row.id), true);
    assert.equal(await ds.getRepository(Item).findOneBy({ id: row.id }), null);
    assert.equal(await items.delete(A, row.id), false);
    await items.insertMany(B, [{ name: 'dup' }, { name: 'dup' }]);
    await items.insert(A, { name: 'dup' });
    assert.equal(await items.deleteWhere(B, { name: 'dup' }), 2);
    assert.equal(await items.count(A, { name: 'dup' }), 1);
  });

  it('withManager keeps the scoping inside a transaction (and the transaction is the one used)', async () => {
    await assert.rejects(
      ds.transaction(async (m) => {
        const tx = items.withManager(m);
        assert.ok(tx instanceof Items);
        await tx.insert(A, { name: 'in-tx' });
        assert.equal(await tx.count(A, { name: 'in-tx' }), 1);
        assert.equal(await tx.count(B, { name: 'in-tx' }), 0);
        throw new Error('rollback');
      }),
      /rollback/,
    );
    assert.equal(await items.count(A, { name: 'in-tx' }), 0);
    assert.equal(items.target, Item);
  });

  it('rows of no domain: only tables whose domainId is nullable have them', async () => {
    assert.throws(() => items.instanceOnly('i'), /scoped_item has no rows without a domain/);
    await assert.rejects(async () => items.insertInstance({ name: 'x' }), /scoped_item has no rows without a domain/);
    await assert.rejects(async () => items.insertInstances([]), /scoped_item has no rows without a domain/);
    await assert.rejects(async () => items.updateInstance(randomUUID(), { name: 'x' }), /scoped_item has no rows without a domain/);
    await assert.rejects(async () => items.deleteInstance(randomUUID()), /scoped_item has no rows without a domain/);
  });

  it('rows of no domain are read and changed only through the instance helpers, never a domain row', async () => {
    const inst = await shared.insertInstance({ name: 'inst', domainId: A });
    assert.equal(inst.domainId, null);
    await shared.insertInstances([{ name: 'inst2', domainId: B }]);
    await shared.insertInstances([]);
    const own = await shared.insert(A, { name: 'own-a' });
    await shared.insert(B, { name: 'own-b' });
    assert.deepEqual(names(await shared.withInstance(A, 's').getMany()), ['inst', 'inst2', 'own-a']);
    assert.deepEqual(names(await shared.instanceOnly('s').getMany()), ['inst', 'inst2']);
    assert.deepEqual(names(await shared.find(A)), ['own-a']);

    assert.equal(await shared.updateInstance(own.id, { name: 'hijacked' }), null, 'a domain row is not an instance row');
    assert.equal(await shared.updateInstance('not-a-uuid', { name: 'x' }), null);
    const patched = await shared.updateInstance(inst.id, { name: 'inst-renamed', domainId: A, id: randomUUID() });
    assert.deepEqual({ id: patched?.id, name: patched?.name, domainId: patched?.domainId }, { id: inst.id, name: 'inst-renamed', domainId: null });
    assert.equal((await ds.getRepository(SharedItem).findOneByOrFail({ id: own.id })).name, 'own-a');

    assert.equal(await shared.deleteInstance(own.id), false);
    assert.equal(await shared.deleteInstance('not-a-uuid'), false);
    assert.equal(await shared.deleteInstance(inst.id), true);
    assert.equal(await shared.deleteInstance(inst.id), false);
    assert.deepEqual(names(await shared.instanceOnly('s').getMany()), ['inst2']);
  });

  it('entityFrom builds an entity without a query', () => {
    const before = queries.length;
    const e = items.fromRow({ name: 'raw', domainId: A });
    assert.ok(e instanceof Item);
    assert.equal(e.name, 'raw');
    assert.equal(queries.length, before);
  });

  it('a named crossing reaches every domain and labels its SQL with the name', async () => {
    await items.insert(A, { name: 'cross' });
    await items.insert(B, { name: 'cross' });
    const cross = items.cross();
    queries.length = 0;
    assert.equal((await cross.find({ name: 'cross' })).length, 2);
    assert.equal((await cross.findOne({ name: 'cross', domainId: B }, { id: true, name: true }))?.name, 'cross');
    assert.equal((await cross.queryBuilder('i').where('i.name = :n', { n: 'cross' }).getMany()).length, 2);
    assert.equal(await cross.update({ name: 'cross' }, { name: 'crossed' }), 2);
    assert.equal(await cross.update({ name: 'nothing' }, { name: 'x' }), 0);
    const rows = await cross.query<Array<{ n: string }>>('SELECT count(*)::text AS n FROM scoped_item WHERE name = $1', ['crossed']);
    assert.equal(rows[0].n, '2');
    assert.equal(queries.length, 6);
    for (const q of queries) assert.ok(q.includes('cross-domain: agentNode'), q);
  });
});
