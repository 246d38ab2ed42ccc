import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { branchOfRef, branchProblem, gitUrlProblem, relativeDirectory, repositoryKey, scrub } from './git-rules';

describe('git deploy rules', () => {
  it('URLs: http(s) and git:// only; no local paths, file://, ssh, remote helpers, option-like text or credentials', () => {
    for (const ok of ['https://github.com/acme/repo.git', 'http://10.0.0.1/x', 'git://127.0.0.1:9418/repo.git']) assert.equal(gitUrlProblem(ok), null, ok);
    for (const bad of [
      'file:///etc',
      '/local/path',
      './relative',
      'ext::sh -c touch% /tmp/x',
      'fd::17',
      '--upload-pack=touch /tmp/x',
      '-c',
      'ssh://git@host/repo.git',
      'git@github.com:acme/repo.git',
      'https://user:pass@github.com/acme/repo.git',
      'https://github.com/acme/repo.git?x=1',
      'https://github.com/a b',
      '',
    ])
      assert.notEqual(gitUrlProblem(bad), null, bad);
  });

  it('branches follow git check-ref-format and never start with "-"', () => {
    for (const ok of ['main', 'release/1.2', 'feature-x', 'v1.0']) assert.equal(branchProblem(ok), null, ok);
    for (const bad of ['-x', '--upload-pack=x', 'a..b', 'a b', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[', 'a\\b', '@', 'a@{1}', '/a', 'a/', 'a//b', 'a.', '.a', 'a/.b', 'a.lock', 'a/b.lock/c', ''])
      assert.notEqual(branchProblem(bad), null, bad);
  });

  it('directories: relative, normalised, no "..", no leading "-", no ".git"', () => {
    assert.deepEqual(relativeDirectory('', 'd'), { value: '' });
    assert.deepEqual(relativeDirectory('./a//b/', 'd'), { value: 'a/b' });
    for (const bad of ['/abs', '../x', 'a/../../b', 'a/-rf', '.git', 'a/.GIT/b', 'a\\b', 'a\u0000b']) assert.ok('problem' in relativeDirectory(bad, 'd'), bad);
  });

  it('repository keys: the clone, web and ssh URLs of one repository compare equal; other repositories and ports do not', () => {
    const key = repositoryKey('https://github.com/Acme/Repo.git');
    assert.equal(key, 'github.com/Acme/Repo');
    for (const same of [
      'https://GitHub.com/Acme/Repo',
      'https://github.com/Acme/Repo/',
      'git://github.com/Acme/Repo.git',
      'git@github.com:Acme/Repo.git',
      'ssh://git@github.com/Acme/Repo.git',
      'https://x:y@github.com/Acme/Repo.git',
    ])
      assert.equal(repositoryKey(same), key, same);
    assert.notEqual(repositoryKey('https://github.com/Acme/Other.git'), key);
    assert.notEqual(repositoryKey('https://github.com:8443/Acme/Repo.git'), key);
    assert.equal(repositoryKey('git://127.0.0.1:9418/repo.git'), repositoryKey('http://127.0.0.1:80/repo'));
    assert.equal(repositoryKey('not a url'), null);
    assert.equal(repositoryKey(42), null);
  });

  it('push refs: only branches', () => {
    assert.equal(branchOfRef('refs/heads/main'), 'main');
    assert.equal(branchOfRef('refs/heads/release/1'), 'release/1');
    assert.equal(branchOfRef('refs/tags/v1'), null);
    assert.equal(branchOfRef('refs/heads/'), null);
    assert.equal(branchOfRef(undefined), null);
  });

  it('scrub removes the token and its Basic header form', () => {
    const b64 = Buffer.from('x-access-token:s3cret').toString('base64');
    assert.equal(scrub(`fatal: s3cret and Authorization: Basic ${b64}`, ['s3cret', null]), 'fatal: *** and Authorization: Basic ***');
  });
});
