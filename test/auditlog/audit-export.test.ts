import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';

/** RFC 4180 as csv-stringify writes it: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/** Every page of a search, in its order. */
async function searchAll(t: TestApp, s: Session, domain: string, filters: Record<string, unknown>): Promise<any[]> {
  const rows: any[] = [];
  for (let page = 0; ; page++) {
    const r = await t.request('POST', '/auditlog/search', { token: s.token, domain, body: { filters, limit: 1000, page } });
    assert.equal(r.status, 200, r.text);
    rows.push(...r.body.data);
    if (r.body.data.length < 1000) return rows;
  }
}

describe('audit log export (CSV and JSON, streamed)', () => {
  let t: TestApp;
  let admin: Session;
  let beta: string;
  let db: DataSource;
  const SEEDED = 1203;

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    db = t.app.get(DataSource);
    beta = await createDomain(t, admin.token, 'Beta');
    // More rows than two batches, three per timestamp so batch edges fall inside equal createdAt values.
    await db.query(
      `INSERT INTO audit_log ("domainId", "actorType", "actorName", action, "targetType", "targetName", details, "createdAt")
       SELECT $1, 'system', 'seeder', 'seed.row', 'thing', 'thing-' || g, jsonb_build_object('n', g, 'note', 'a, "quoted"' || chr(10) || 'line'), now() - ((g / 3) * interval '1 second')
       FROM generate_series(1, $2::int) g`,
      [admin.domainId, SEEDED - 3],
    );
    // Cells a spreadsheet would run as formulas.
    await db.query(
      `INSERT INTO audit_log ("domainId", "actorType", "actorName", action, "targetName", "createdAt") VALUES
        ($1, 'user', '=HYPERLINK("http://evil.example","x")', 'seed.formula', '+1+1', now()),
        ($1, 'user', '@SUM(A1)', 'seed.formula', '-2', now()),
        ($1, 'user', E'\\tcmd', 'seed.formula', 'plain', now())`,
      [admin.domainId],
    );
    await db.query(`INSERT INTO audit_log ("domainId", "actorType", action, "targetName") SELECT $1, 'system', 'seed.row', 'beta-only-' || g FROM generate_series(1, 7) g`, [beta]);
  });
  after(async () => {
    await t.close();
  });

  const exportAs = (s: Session, domain: string, body: Record<string, unknown>) => t.request('POST', '/auditlog/export', { token: s.token, domain, body });

  it('CSV: a header row and exactly the rows the search finds with the same filter, in its order, across batches', async () => {
    const r = await exportAs(admin, admin.domainId, { format: 'csv', filters: { actionGroup: 'seed' } });
    assert.equal(r.status, 200, r.text.slice(0, 500));
    assert.match(String(r.headers['content-type']), /^text\/csv/);
    assert.match(String(r.headers['content-disposition']), /^attachment; filename="audit-Alpha-\d{4}-\d{2}-\d{2}\.csv"$/);
    assert.equal(r.headers['x-total-count'], String(SEEDED));
    const [header, ...rows] = parseCsv(r.text);
    assert.deepEqual(header, [
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
    ]);
    const searched = await searchAll(t, admin, admin.domainId, { actionGroup: 'seed' });
    assert.equal(searched.length, SEEDED);
    assert.equal(rows.length, SEEDED);
    assert.deepEqual(
      rows.map((c) => c[0]),
      searched.map((s) => s.id),
    );
    const byId = new Map(searched.map((s) => [s.id, s]));
    for (const c of rows.slice(0, 50).concat(rows.slice(-50))) {
      const s = byId.get(c[0]);
      assert.equal(c[1], s.createdAt);
      assert.equal(c[2], admin.domainId);
      assert.equal(c[7], s.action);
      assert.equal(c[8], 'seed');
      if (s.action === 'seed.row') {
        assert.equal(c[11], s.targetName);
        assert.deepEqual(JSON.parse(c[14]), s.details, 'details is the JSON of the row');
      }
    }
  });

  it('CSV: cells that start like a formula are neutralised with a quote', async () => {
    const r = await exportAs(admin, admin.domainId, { format: 'csv', filters: { action: 'seed.formula' } });
    assert.equal(r.status, 200, r.text);
    const [header, ...rows] = parseCsv(r.text);
    const col = (name: string) => header.indexOf(name);
    const cells = rows.flatMap((c) => [c[col('actorName')], c[col('targetName')]]).sort();
    assert.deepEqual(cells, ["'\tcmd", "'+1+1", "'-2", '\'=HYPERLINK("http://evil.example","x")', "'@SUM(A1)", 'plain'].sort());
  });

  it('JSON: a valid array equal to the search rows', async () => {
    const r = await exportAs(admin, admin.domainId, { format: 'json', filters: { actionGroup: 'seed' } });
    assert.equal(r.status, 200, r.text.slice(0, 500));
    assert.match(String(r.headers['content-type']), /^application\/json/);
    assert.match(String(r.headers['content-disposition']), /filename="audit-Alpha-\d{4}-\d{2}-\d{2}\.json"/);
    assert.ok(Array.isArray(r.body), 'not wrapped in the envelope');
    assert.deepEqual(r.body, await searchAll(t, admin, admin.domainId, { actionGroup: 'seed' }));
    const empty = await exportAs(admin, admin.domainId, { format: 'json', filters: { action: 'no.such.action' } });
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.body, []);
  });

  it("a domain export never has another domain's rows; an instance admin's instance export has both", async () => {
    const domainOnly = await exportAs(admin, beta, { format: 'json', filters: { actionGroup: 'seed' } });
    assert.equal(domainOnly.status, 200, domainOnly.text);
    assert.equal(domainOnly.body.length, 7);
    assert.ok(domainOnly.body.every((row: any) => row.domainId === beta));
    const alphaOnly = await exportAs(admin, admin.domainId, { format: 'csv', filters: { actionGroup: 'seed' } });
    assert.ok(!alphaOnly.text.includes('beta-only-'), "Beta's rows are not in Alpha's export");

    const all = await exportAs(admin, admin.domainId, { format: 'json', scope: 'instance', filters: { actionGroup: 'seed' } });
    assert.equal(all.status, 200, all.text.slice(0, 500));
    assert.match(String(all.headers['content-disposition']), /filename="audit-instance-/);
    const domains = new Set(all.body.map((row: any) => row.domainId));
    assert.deepEqual([...domains].sort(), [admin.domainId, beta].sort());
    assert.equal(all.body.length, SEEDED + 7);
  });

  it("scope 'instance' is refused to a domain Admin who is no instance admin; a Viewer can't export at all", async () => {
    const dora = await createMember(t, admin, admin.domainId, 'dora', 'Admin');
    const own = await exportAs(dora, admin.domainId, { format: 'csv', filters: { action: 'seed.formula' } });
    assert.equal(own.status, 200, 'the same body without the instance scope works for her');
    const refused = await exportAs(dora, admin.domainId, { format: 'csv', scope: 'instance', filters: { action: 'seed.formula' } });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.meta.error.code, 'ForbiddenError');
    assert.match(refused.body.meta.error.message, /instance administrators/);

    const vic = await createMember(t, admin, admin.domainId, 'vic', 'Viewer');
    const viewer = await exportAs(vic, admin.domainId, { format: 'csv', filters: { action: 'seed.formula' } });
    assert.equal(viewer.status, 403, viewer.text);
    assert.equal(viewer.body.meta.error.code, 'ForbiddenError');
  });

  it('refuses a bad format or an unknown filter field with 400', async () => {
    const format = await exportAs(admin, admin.domainId, { format: 'xlsx' });
    assert.equal(format.status, 400, format.text);
    const paging = await exportAs(admin, admin.domainId, { format: 'csv', page: 2 });
    assert.equal(paging.status, 400, 'an export has no pages');
    const unknown = await exportAs(admin, admin.domainId, { format: 'csv', filters: { nope: 'x' } });
    assert.equal(unknown.status, 400, unknown.text);
    assert.equal(unknown.body.meta.error.code, 'ValidationError');
  });
});
