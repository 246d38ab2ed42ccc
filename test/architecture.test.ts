import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CROSS_DOMAIN_ACCESS } from '@libs/tenancy/cross-domain-access';

/**
 * The architecture as rules over the source text (src/ and libs/, tests excluded). Each rule is a
 * function over {path, text} so the last test can prove every rule still fires on a planted
 * violation: a regex that silently stopped matching would otherwise pass forever.
 */

const ROOT = join(__dirname, '../..');

interface Source {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const SOURCES: Source[] = ['src', 'libs'].flatMap((top) => walk(join(ROOT, top)).map((p) => ({ path: relative(ROOT, p).split('\\').join('/'), text: readFileSync(p, 'utf8') })));

const inModules = (s: Source) => s.path.startsWith('src/modules/');
const inLibs = (s: Source) => s.path.startsWith('libs/');
const fileName = (s: Source) => s.path.split('/').pop()!;

/** Code with comments blanked and the string literals listed apart (a small scanner, not a regex). */
function scan(text: string): { code: string; strings: string[] } {
  let code = '';
  const strings: string[] = [];
  for (let i = 0; i < text.length;) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      code += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      const literal = text.slice(i, j + 1);
      strings.push(literal.slice(1, -1));
      code += literal;
      i = j + 1;
    } else {
      code += c;
      i++;
    }
  }
  return { code, strings };
}

// ---- the module map: src/modules/<folder> → Nest module; table → owning module ----

/** The folders that make up the identity module (one Nest module, see identity.module.ts). */
function identityFolders(sources: Source[]): Set<string> {
  const identity = sources.find((s) => s.path === 'src/modules/identity.module.ts');
  return new Set([...(identity?.text ?? '').matchAll(/from '\.\/([\w-]+)\//g)].map((m) => m[1]));
}

function moduleOf(path: string, identity: Set<string>): string | null {
  const m = /^src\/modules\/([\w-]+)\//.exec(path);
  if (!m) return null;
  return identity.has(m[1]) ? 'identity' : m[1];
}

function tableOwners(sources: Source[]): Map<string, string> {
  const identity = identityFolders(sources);
  const owners = new Map<string, string>();
  for (const s of sources.filter(inModules)) {
    for (const m of s.text.matchAll(/@Entity\(\s*['"](\w+)['"]/g)) owners.set(m[1], moduleOf(s.path, identity)!);
  }
  return owners;
}

// ---- rules: each returns offenders as "path: what" ----

/** Transactions that create a tenant (domain + roles + owner) or an account + membership together. */
const TRANSACTION_REPOSITORIES = new Set(['src/modules/domain/domain.service.ts', 'src/modules/auth/auth.service.ts', 'src/modules/user/user.service.ts']);

function typeormOutsideRepositories(sources: Source[]): string[] {
  return sources
    .filter((s) => inModules(s) || inLibs(s))
    .filter((s) => !s.path.endsWith('.repository.ts') && !s.path.startsWith('libs/tenancy/') && !TRANSACTION_REPOSITORIES.has(s.path))
    .filter((s) => /@InjectRepository\(|\.getRepository\(|createQueryBuilder\(/.test(scan(s.text).code))
    .map((s) => s.path);
}

const INSTANCE_WIDE_REPOSITORIES = new Set(['user.repository.ts', 'domain.repository.ts', 'refresh-token.repository.ts', 'password-reset-token.repository.ts', 'instance-settings.repository.ts']);

function unscopedRepositories(sources: Source[]): string[] {
  return sources
    .filter((s) => inModules(s) && s.path.endsWith('.repository.ts') && !INSTANCE_WIDE_REPOSITORIES.has(fileName(s)))
    .filter((s) => !/extends ScopedRepository</.test(s.text))
    .map((s) => s.path);
}

function entitiesInControllers(sources: Source[]): string[] {
  return sources.filter((s) => inModules(s) && s.path.endsWith('.controller.ts') && /from '\.\/entities\//.test(s.text)).map((s) => s.path);
}

/** Who may hold the DataSource, and why. Everyone else goes through a repository. */
const DATA_SOURCE_USERS: Record<string, string> = {
  'src/core/database/migrate.ts': 'runs the migrations on its own short-lived connection',
  'src/core/health/health.controller.ts': 'the readiness probe asks the pool for SELECT 1',
  'src/core/bootstrap-hint.ts': 'counts users once at start to print the first-run hint',
  'src/modules/auth/auth.service.ts': 'owns the transaction that creates the first account and its domain',
  'src/modules/domain/domain.service.ts': 'owns the transaction that creates a domain, its roles and its Owner',
  'src/modules/user/user.service.ts': 'owns the transaction that creates an account and its membership',
  'src/modules/membership/membership.service.ts': 'owns the transaction behind the Owner lock',
  'src/modules/gameserver/gameserver.service.ts': 'owns the transactions that place a server with its allocations',
  'src/modules/gameserver/allocation.service.ts': 'owns the transactions that change a server’s ports under a per-node lock and flag its container',
  'src/modules/schedule/schedule-runs.service.ts': 'owns the transactions that claim due schedules, insert their runs and enqueue the pg-boss jobs together',
  'src/modules/integration/integration-deliveries.service.ts': 'owns the transactions that insert deliveries (or record a retry) and enqueue their pg-boss jobs together',
};

function dataSourceUse(sources: Source[]): string[] {
  const offenders: string[] = [];
  for (const s of sources) {
    if (s.path.startsWith('src/migrations/')) continue;
    const { code } = scan(s.text);
    if (!/@InjectDataSource\b|\bDataSource\b|getDataSourceToken\b|\bdataSource\s*\./.test(code)) continue;
    if (!(s.path in DATA_SOURCE_USERS)) offenders.push(`${s.path}: uses the DataSource`);
    // In modules the DataSource only opens transactions; reads and writes stay in repositories.
    else if (inModules(s)) for (const m of code.matchAll(/\bdataSource\s*\.\s*(\w+)/g)) if (m[1] !== 'transaction') offenders.push(`${s.path}: dataSource.${m[1]}`);
  }
  return offenders;
}

const SQL_TABLE = /\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\s+"?(\w+)"?/g;
const BUILDER_TABLE = /\.(?:from|innerJoin|leftJoin|innerJoinAndSelect|leftJoinAndSelect|innerJoinAndMapOne|leftJoinAndMapOne|innerJoinAndMapMany|leftJoinAndMapMany|into)\(\s*['"`](\w+)['"`]/g;

/** SQL (in strings, or a bare table name given to the query builder) naming another module's table. */
function foreignTableSql(sources: Source[]): string[] {
  const owners = tableOwners(sources);
  const identity = identityFolders(sources);
  const offenders: string[] = [];
  for (const s of sources.filter(inModules)) {
    const mine = moduleOf(s.path, identity);
    const { code, strings } = scan(s.text);
    const named = [...strings.flatMap((str) => [...str.matchAll(SQL_TABLE)].map((m) => m[1])), ...[...code.matchAll(BUILDER_TABLE)].map((m) => m[1])];
    for (const table of new Set(named)) {
      const owner = owners.get(table);
      if (owner && owner !== mine) offenders.push(`${s.path}: names table ${table} of module ${owner}`);
    }
  }
  return offenders;
}

/** Nothing reaches the TypeORM repository behind ScopedRepository: no `this.repository`, no own copy. */
function rawRepositoryAccess(sources: Source[]): string[] {
  const offenders: string[] = [];
  for (const s of sources) {
    const { code } = scan(s.text);
    if (s.path === 'libs/tenancy/scoped-repository.ts') {
      if (!/#repository\b/.test(code)) offenders.push(`${s.path}: the repository is not an ECMAScript private field`);
      if (/\b(?:protected|public)\s+(?:readonly\s+)?(?:get\s+)?repository\b/.test(code)) offenders.push(`${s.path}: exposes the repository`);
      if (/\b(?:protected|public)\s+[^\n;]*\)\s*:\s*Repository</.test(code)) offenders.push(`${s.path}: a member returns a Repository`);
      continue;
    }
    if (/\b(?:this|super)\s*(?:\.\s*repository\b|\[\s*['"`]repository['"`]\s*\])/.test(code)) offenders.push(`${s.path}: this.repository`);
    if (/extends ScopedRepository</.test(code)) {
      if (/\b(?:private|protected|public|readonly)\s+\w+\s*:\s*Repository</.test(code)) offenders.push(`${s.path}: keeps its own Repository`);
      for (const m of code.matchAll(/\b(createQueryBuilder|getRepository|manager|dataSource)\b/g)) offenders.push(`${s.path}: ${m[1]} in a scoped repository`);
    }
  }
  return offenders;
}

/** The reviewed crossings: changing this list is a tenancy decision, made here on purpose. */
const EXPECTED_CROSSINGS = [
  'accountDeletion',
  'adminAuditSearch',
  'agentNode',
  'agentReports',
  'alertEvaluation',
  'auditExport',
  'consoleSocketDomain',
  'credentialLookup',
  'heartbeatSweep',
  'leaseSweep',
  'scheduleDispatch',
  'sharedNodeCapacity',
];

function crossingsUnused(sources: Source[]): string[] {
  const used = new Set(sources.flatMap((s) => [...scan(s.text).code.matchAll(/\bcrossDomain\(\s*'(\w+)'/g)].map((m) => m[1])));
  return Object.keys(CROSS_DOMAIN_ACCESS).filter((name) => !used.has(name));
}

/** `moduleRef.get(X, { strict: false })` reaches around the module graph. */
function nonStrictLookups(sources: Source[]): string[] {
  return sources.filter((s) => /\bstrict\s*:\s*false\b/.test(scan(s.text).code)).map((s) => s.path);
}

/**
 * Hooks assigned at runtime (`this.workloads.inUse = …`) hide a dependency from the imports,
 * and so do the empty function slots that wait for them.
 */
function runtimeHooks(sources: Source[]): string[] {
  const offenders: string[] = [];
  for (const s of sources) {
    const { code } = scan(s.text);
    for (const m of code.matchAll(/\bthis\.\w+\.(\w+)\s*=(?![=>])/g)) offenders.push(`${s.path}: assigns ${m[0].trim()}`);
    for (const m of code.matchAll(/^\s*(?:public\s+)?(\w+)\s*:\s*\([^)]*\)\s*=>\s*[^=;{\n]+=\s*(?:async\b|function\b|\()/gm)) offenders.push(`${s.path}: hook slot ${m[1]}`);
  }
  return offenders;
}

/** libs/ sits below the application: it never imports from src/. */
function libsImportingSrc(sources: Source[]): string[] {
  return sources.filter((s) => inLibs(s) && /from '(?:\.\.\/)+src\//.test(s.text)).map((s) => s.path);
}

describe('architecture rules', () => {
  it('only *.repository.ts files (and libs/tenancy) inject TypeORM repositories or query the data source by entity', () => {
    assert.deepEqual(typeormOutsideRepositories(SOURCES), []);
  });

  it('domain-owned repositories extend ScopedRepository', () => {
    assert.deepEqual(unscopedRepositories(SOURCES), []);
  });

  it('controllers never return entities: no entity import in controllers', () => {
    assert.deepEqual(entitiesInControllers(SOURCES), []);
  });

  it('the DataSource is held only by the allow-listed files, and modules use it only to open transactions', () => {
    assert.deepEqual(dataSourceUse(SOURCES), []);
    for (const path of Object.keys(DATA_SOURCE_USERS))
      assert.ok(
        SOURCES.some((s) => s.path === path),
        `${path} is allow-listed but does not exist`,
      );
  });

  it("no module's SQL names another module's table", () => {
    const owners = tableOwners(SOURCES);
    assert.ok(owners.get('gameserver') === 'gameserver' && owners.get('membership') === 'identity', 'the table map is built from @Entity');
    assert.deepEqual(foreignTableSql(SOURCES), []);
  });

  it('no code reaches the raw repository behind ScopedRepository', () => {
    assert.deepEqual(rawRepositoryAccess(SOURCES), []);
  });

  it('cross-domain access goes only through the named, reviewed list, and every name is in use', () => {
    assert.deepEqual(Object.keys(CROSS_DOMAIN_ACCESS).sort(), EXPECTED_CROSSINGS);
    for (const [name, reason] of Object.entries(CROSS_DOMAIN_ACCESS)) assert.ok(reason.length > 30, `${name} states why it must cross domains`);
    assert.deepEqual(crossingsUnused(SOURCES), []);
  });

  it('no { strict: false } module lookups', () => {
    assert.deepEqual(nonStrictLookups(SOURCES), []);
  });

  it('no hooks assigned at runtime to another service', () => {
    assert.deepEqual(runtimeHooks(SOURCES), []);
  });

  it('libs never import from src', () => {
    assert.deepEqual(libsImportingSrc(SOURCES), []);
  });

  it('every rule fires on a planted violation', () => {
    const real = SOURCES.filter((s) => s.path.endsWith('.module.ts') || s.path.includes('/entities/'));
    const plant = (path: string, text: string): Source[] => [...real, { path, text }];
    const cases: Array<[string, (s: Source[]) => string[], Source[]]> = [
      ['typeorm', typeormOutsideRepositories, plant('src/modules/node/node.service.ts', 'this.ds.getRepository(Node)')],
      ['typeorm in libs', typeormOutsideRepositories, plant('libs/search/x.ts', 'm.createQueryBuilder("a")')],
      ['unscoped', unscopedRepositories, plant('src/modules/node/thing.repository.ts', 'export class ThingRepository {}')],
      ['entity in controller', entitiesInControllers, plant('src/modules/node/node.controller.ts', "import { Node } from './entities/node.entity';")],
      ['data source', dataSourceUse, plant('src/modules/node/node.service.ts', '@InjectDataSource() private readonly ds: DataSource')],
      ['data source in libs', dataSourceUse, plant('libs/search/x.ts', 'new DataSource(options)')],
      ['data source read', dataSourceUse, plant('src/modules/user/user.service.ts', 'this.dataSource.manager.find(User)')],
      ['sql', foreignTableSql, plant('src/modules/node/node.repository.ts', `q.query('SELECT 1 FROM gameserver WHERE "nodeId" = $1')`)],
      ['sql quoted', foreignTableSql, plant('src/modules/console/x.repository.ts', 'q.query(`DELETE FROM "allocation"`)')],
      ['sql builder', foreignTableSql, plant('src/modules/gameserver/x.repository.ts', "qb.innerJoin('membership', 'm', 'm.x = 1')")],
      ['this.repository', rawRepositoryAccess, plant('src/modules/node/node.repository.ts', 'return this.repository.find()')],
      ['this[repository]', rawRepositoryAccess, plant('src/modules/node/node.repository.ts', "return this['repository'].find()")],
      ['own repository', rawRepositoryAccess, plant('src/modules/x/x.repository.ts', 'class X extends ScopedRepository<X> { constructor(private readonly raw: Repository<X>) {} }')],
      ['builder in scoped', rawRepositoryAccess, plant('src/modules/x/x.repository.ts', 'class X extends ScopedRepository<X> { f() { return this.m.createQueryBuilder("x"); } }')],
      ['exposed', rawRepositoryAccess, plant('libs/tenancy/scoped-repository.ts', 'class S { protected readonly repository: Repository<E> }')],
      ['exposed getter', rawRepositoryAccess, plant('libs/tenancy/scoped-repository.ts', 'class S { readonly #repository; protected get repository(): Repository<E> { return this.#repository; } }')],
      ['strict false', nonStrictLookups, plant('src/modules/x/x.service.ts', 'this.moduleRef.get(UserService, { strict: false })')],
      ['hook', runtimeHooks, plant('src/modules/gameserver/gameserver.module.ts', 'this.workloads.inUse = async (d, id) => true;')],
      ['hook slot', runtimeHooks, plant('src/modules/workload/workload.service.ts', 'class W {\n  inUse: (domainId: DomainId, id: string) => Promise<boolean> = async () => false;\n}')],
      ['libs import src', libsImportingSrc, plant('libs/search/x.ts', "import { X } from '../../src/modules/x/x.service';")],
    ];
    for (const [name, rule, sources] of cases) assert.notDeepEqual(rule(sources), [], `rule "${name}" catches its planted violation`);
    assert.deepEqual(crossingsUnused([]).sort(), EXPECTED_CROSSINGS, 'an unused crossing is reported');
    // Comments and plain prose don't count as SQL.
    assert.deepEqual(foreignTableSql(plant('src/modules/node/x.ts', "// SELECT 1 FROM gameserver\nthrow new Error('removed from gameserver');")), []);
  });
});

/** docs/architecture.md is the living design: its module map must name what exists, and only that. */
describe('the architecture document', () => {
  const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const folders = (top: string) => readdirSync(join(ROOT, top)).filter((n) => statSync(join(ROOT, top, n)).isDirectory());

  it('names every module folder, core area and library', () => {
    const missing = [...folders('src/modules').map((n) => `src/modules/${n}`), ...folders('src/core').map((n) => `src/core/${n}`), ...folders('libs').map((n) => `libs/${n}`)].filter(
      (p) => !doc.includes('`' + p + '`'),
    );
    assert.deepEqual(missing, [], 'add these to docs/architecture.md');
  });

  it('names no file or folder that is gone', () => {
    const named = [...doc.matchAll(/`((?:src|libs|test|bench|web)\/[\w./-]+?)`/g)].map((m) => m[1]);
    assert.ok(named.length > 30, 'the document names the code it describes');
    const gone = named.filter((p) => {
      try {
        statSync(join(ROOT, p));
        return false;
      } catch {
        return true;
      }
    });
    assert.deepEqual(gone, [], 'docs/architecture.md names paths that no longer exist');
  });

  it('lists every feature module the app imports', () => {
    const index = readFileSync(join(ROOT, 'src/modules/index.ts'), 'utf8');
    const modules = [...index.matchAll(/import \{ (\w+Module) \}/g)].map((m) => m[1]);
    assert.ok(modules.length >= 7);
    const rows = modules.map((m) => m.replace(/Module$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'));
    const unnamed = rows.filter((r) => !new RegExp(`^\\| ${r} \\|`, 'mi').test(doc));
    assert.deepEqual(unnamed, [], 'each feature module has a row in the module map');
  });
});

describe('file size in src/modules', () => {
  it('no file is over 300 lines without saying why in its header', () => {
    const long = SOURCES.filter(inModules).filter((s) => s.text.split('\n').length > 300 && !/Why this file is over 300 lines: \S/.test(s.text.slice(0, 4000)));
    assert.deepEqual(
      long.map((s) => s.path),
      [],
      'split these, or state the reason near the top: "// Why this file is over 300 lines: …"',
    );
  });
});
