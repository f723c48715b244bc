import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff, splitPatch, type DiffFile } from '../../src/core/diff-parse.js';
import { globMatcher, matchesAny } from '../../src/core/glob.js';
import { computeRiskFlags, isLockfile, isTestPath, LARGE_FILE_BYTES } from '../../src/core/risk.js';
import { findSecrets, mask } from '../../src/core/secrets.js';

const file = (path: string, extra: Partial<DiffFile> = {}): DiffFile => ({ path, status: 'M', added: 1, removed: 0, binary: false, ...extra });

describe('secret patterns', () => {
  const fakes: [string, string][] = [
    ['aws-access-key', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE'],
    ['aws-secret-key', 'AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"'],
    ['private-key', '-----BEGIN RSA PRIVATE KEY-----'],
    ['private-key', '-----BEGIN OPENSSH PRIVATE KEY-----'],
    ['github-token', `token: ghp_${'a1B2'.repeat(9)}`],
    ['slack-token', 'SLACK=xoxb-123456789012-abcdefghij'],
    ['google-api-key', `key=AIza${'A'.repeat(35)}`],
    ['anthropic-key', `ANTHROPIC_API_KEY=sk-ant-api03-${'x'.repeat(30)}`],
    ['openai-key', `OPENAI_API_KEY=sk-proj-${'Ab1'.repeat(10)}`],
    ['url-credentials', 'postgres://admin:hunter2secret@db.example.com/app'],
    ['assigned-secret', 'const password = "correct-horse-battery";'],
  ];
  for (const [id, line] of fakes) {
    it(`finds ${id}`, () => {
      const found = findSecrets(line);
      expect(found.map((f) => f.id)).toContain(id);
    });
  }

  it('reports an Anthropic key once, not also as an OpenAI key', () => {
    expect(findSecrets(`sk-ant-api03-${'x'.repeat(30)}`).map((f) => f.id)).toEqual(['anthropic-key']);
  });

  it('masks what it found and ignores placeholders and ordinary code', () => {
    const [f] = findSecrets('AKIAIOSFODNN7EXAMPLE');
    expect(f!.masked).not.toContain('IOSFODNN7EXAMP');
    expect(f!.masked.startsWith('AKIA')).toBe(true);
    expect(mask('short')).toBe('*****');
    for (const line of ['password = "${DB_PASSWORD}"', 'api_key: "<your key here>"', 'const token = getToken();', 'expect(password).toBe(x)', 'const akia = "AKIA"']) {
      expect(findSecrets(line), line).toEqual([]);
    }
  });
});

describe('scope globs', () => {
  it('matches ** at any depth, * within a segment, braces, and plain directories', () => {
    expect(globMatcher('src/**')('src/a/b.ts')).toBe(true);
    expect(globMatcher('src/**')('src')).toBe(true);
    expect(globMatcher('src/**')('srcx/a.ts')).toBe(false);
    expect(globMatcher('src/*.ts')('src/a.ts')).toBe(true);
    expect(globMatcher('src/*.ts')('src/a/b.ts')).toBe(false);
    expect(globMatcher('**/*.md')('README.md')).toBe(true);
    expect(globMatcher('**/*.md')('docs/x/y.md')).toBe(true);
    expect(globMatcher('src/{a,b}/**')('src/b/x')).toBe(true);
    expect(globMatcher('src/{a,b}/**')('src/c/x')).toBe(false);
    expect(globMatcher('docs')('docs/guide.md')).toBe(true);
    expect(globMatcher('./docs/')('docs/guide.md')).toBe(true);
    expect(globMatcher('docs')('docsx')).toBe(false);
    expect(globMatcher('file?.txt')('file1.txt')).toBe(true);
    expect(globMatcher('[ab].txt')('b.txt')).toBe(true);
    expect(globMatcher('a+b.txt')('a+b.txt')).toBe(true);
    expect(matchesAny('x.ts', ['src/**', 'x.ts'])).toBe(true);
  });
});

describe('computeRiskFlags', () => {
  it('flags a fake AWS key (with its line), a file out of scope, and a deleted test', () => {
    const patch = [
      'diff --git a/src/config.ts b/src/config.ts',
      '--- a/src/config.ts',
      '+++ b/src/config.ts',
      '@@ -1,2 +1,3 @@',
      ' export const region = "eu";',
      '+export const key = "AKIAIOSFODNN7EXAMPLE";',
      ' export default {};',
      'diff --git a/README.md b/README.md',
      '--- a/README.md',
      '+++ b/README.md',
      '@@ -1 +1 @@',
      '-old',
      '+new',
      'diff --git a/tests/config.test.ts b/tests/config.test.ts',
      'deleted file mode 100644',
      '--- a/tests/config.test.ts',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      "-it('works', () => expect(1).toBe(1));",
      '',
    ].join('\n');
    const files = [file('src/config.ts'), file('README.md', { removed: 1 }), file('tests/config.test.ts', { status: 'D', added: 0, removed: 1 })];
    const flags = computeRiskFlags({ files, sections: splitPatch(parseUnifiedDiff(patch)), scope: ['src/**'] });
    expect(flags).toEqual([
      { kind: 'secret', path: 'src/config.ts', line: 2, detail: 'AWS access key id added (AKIA************LE)' },
      { kind: 'out-of-scope', path: 'README.md', detail: "outside the task's scope (src/**)" },
      { kind: 'out-of-scope', path: 'tests/config.test.ts', detail: "outside the task's scope (src/**)" },
      { kind: 'test-deleted', path: 'tests/config.test.ts', detail: 'test file deleted' },
    ]);
  });

  it('flags a weakened test: assertions removed, a case skipped', () => {
    const patch = [
      'diff --git a/src/a.spec.ts b/src/a.spec.ts',
      '--- a/src/a.spec.ts',
      '+++ b/src/a.spec.ts',
      '@@ -1,4 +1,3 @@',
      "-it('adds', () => {",
      "+it.skip('adds', () => {",
      '-  expect(add(1, 2)).toBe(3);',
      '-  expect(add(2, 2)).toBe(4);',
      '+  // flaky',
      ' });',
      '',
    ].join('\n');
    const flags = computeRiskFlags({ files: [file('src/a.spec.ts', { added: 2, removed: 3 })], sections: splitPatch(parseUnifiedDiff(patch)), scope: [] });
    expect(flags).toEqual([{ kind: 'test-weakened', path: 'src/a.spec.ts', detail: 'test weakened: 2 assertions removed, 1 skip/only marker added' }]);
  });

  it('does not flag a test that only grew', () => {
    const patch = "diff --git a/t/x_test.go b/t/x_test.go\n--- a/t/x_test.go\n+++ b/t/x_test.go\n@@ -1 +1,2 @@\n func TestA(t *testing.T) {}\n+func TestB(t *testing.T) { t.Error(\"x\") }\n";
    expect(computeRiskFlags({ files: [file('t/x_test.go')], sections: splitPatch(parseUnifiedDiff(patch)), scope: [] })).toEqual([]);
  });

  it('flags binary and large files, lockfiles, leftovers and a worktree off its branch', () => {
    const files = [file('img.png', { binary: true }), file('data.json'), file('gen.txt', { added: 6000 }), file('web/package-lock.json'), file('old.bin', { status: 'D', binary: true })];
    const flags = computeRiskFlags({
      files,
      scope: [],
      sizes: new Map([['data.json', LARGE_FILE_BYTES * 2]]),
      leftovers: [{ status: '??', path: 'notes.txt' }],
      worktreeBranch: null,
      taskBranch: 'wtagents/t',
    });
    expect(flags.map((f) => [f.kind, f.path ?? ''])).toEqual([
      ['leftovers', ''],
      ['off-branch', ''],
      ['binary', 'img.png'],
      ['large', 'data.json'],
      ['large', 'gen.txt'],
      ['lockfile', 'web/package-lock.json'],
    ]);
    expect(flags[3]!.detail).toBe('large file (2.0 MiB)');
    expect(flags[1]!.detail).toContain('detached HEAD');
  });

  it('knows test paths and lockfiles', () => {
    for (const p of ['tests/a.ts', 'src/__tests__/x.js', 'a.test.ts', 'pkg/x_test.go', 'test_mod.py', 'FooTest.java', 'spec/models/user_spec.rb']) expect(isTestPath(p), p).toBe(true);
    for (const p of ['src/contest.ts', 'latest.md', 'src/testing-utils.ts']) expect(isTestPath(p), p).toBe(false);
    expect(isLockfile('a/b/yarn.lock')).toBe(true);
    expect(isLockfile('lock.json')).toBe(false);
  });
});
