import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '../../src');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) out.push(p);
  }
  return out;
}

/** Tenancy can't be forgotten: raw TypeORM repositories live only in repository files. */
describe('architecture rules', () => {
  it('only *.repository.ts files inject TypeORM repositories or query the data source by entity', () => {
    const offenders = sources(join(SRC, 'modules'))
      .filter((f) => !f.endsWith('.repository.ts'))
      .filter((f) => /@InjectRepository\(|\.getRepository\(|createQueryBuilder\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f))
      // Transactions that create a tenant (domain + roles + owner) or an account + membership together.
      .filter((f) => !['modules/domain/domain.service.ts', 'modules/auth/auth.service.ts', 'modules/user/user.service.ts'].includes(f));
    assert.deepEqual(offenders, []);
  });

  it('domain-owned repositories extend ScopedRepository', () => {
    const instanceWide = new Set(['user.repository.ts', 'domain.repository.ts', 'refresh-token.repository.ts']);
    const repos = sources(join(SRC, 'modules')).filter((f) => f.endsWith('.repository.ts'));
    const unscoped = repos.filter((f) => !instanceWide.has(f.split('/').pop()!) && !/extends ScopedRepository</.test(readFileSync(f, 'utf8')));
    assert.deepEqual(unscoped.map((f) => relative(SRC, f)), []);
  });

  it('controllers never return entities: no entity import in controllers', () => {
    const offenders = sources(join(SRC, 'modules'))
      .filter((f) => f.endsWith('.controller.ts'))
      .filter((f) => /from '\.\/entities\//.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders.map((f) => relative(SRC, f)), []);
  });
});
