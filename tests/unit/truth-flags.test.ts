// Reading a report's commit claims (said, denied, commit ids) and the flags for denials and false claims.
import { describe, expect, it } from 'vitest';
import { computeRiskFlags } from '../../src/core/risk.js';
import { claimFlags, commitClaims, deniedFlag } from '../../src/core/truth-flags.js';

describe('commitClaims', () => {
  it('finds a claim to have committed, unless the sentence denies it', () => {
    for (const text of ['I wrote stub.txt and committed it.', 'Changes committed to the branch', 'Created a commit with the fix.', 'Made 2 commits: one for the code, one for tests']) {
      expect(commitClaims(text).saysCommitted, text).toBe(true);
    }
    for (const text of [
      'I could not commit: git said index.lock is on a read-only file system.',
      "I wasn't able to commit. The file is written.",
      'Nothing committed yet.',
      'The changes are uncommitted in the worktree.',
      'Please commit this for me.',
      'Wrote stub.txt.',
    ]) {
      expect(commitClaims(text).saysCommitted, text).toBe(false);
    }
  });

  it('takes commit ids only from lines about a commit, and only hex with a digit and a letter', () => {
    expect(commitClaims('Committed as 1a2b3c4 (and 1a2b3c4 again).\nBuild 20261128 passed; deadbeefcafe is a word here').shas).toEqual(['1a2b3c4']);
    expect(commitClaims('commit 0123456789abcdef0123456789abcdef01234567 on the branch; not 1234567 nor abcdefa').shas).toEqual(['0123456789abcdef0123456789abcdef01234567']);
    expect(commitClaims('see commit x1a2b3c4d, 1a2b3c4dz').shas).toEqual([]);
    expect(commitClaims('').shas).toEqual([]);
  });
});

describe('truth flags', () => {
  it('one denied flag listing up to three calls, the count, and the reason of each', () => {
    expect(deniedFlag([])).toBeNull();
    const many = ['git commit -m a', 'git push', 'rm -rf build', 'curl x'].map((target) => ({ tool: 'Bash', target, reason: 'requires approval' }));
    expect(deniedFlag(many)).toEqual({
      kind: 'denied',
      detail: '4 tool calls denied: Bash git commit -m a (requires approval); Bash git push (requires approval); Bash rm -rf build (requires approval); … 1 more',
    });
  });

  it('a claim of committing with no commit on the branch, and each named commit not on it', () => {
    expect(claimFlags({ saysCommitted: true, commitsAhead: 0, missing: [], branch: 'wtagents/x' })).toEqual([
      { kind: 'unverified-commit', detail: 'the report says the work was committed, but wtagents/x has no commit beyond its base' },
    ]);
    expect(claimFlags({ saysCommitted: true, commitsAhead: 2, missing: ['abc1234'], branch: 'b' })).toEqual([{ kind: 'unverified-commit', detail: 'the report names commit abc1234, which is not on b' }]);
    expect(claimFlags({ saysCommitted: true, commitsAhead: 1, missing: [], branch: 'b' })).toEqual([]);
  });

  it('rank right after secrets, and say the agent exited 0 when it left work uncommitted', () => {
    const flags = computeRiskFlags({
      files: [{ path: 'package-lock.json', status: 'M', added: 1, removed: 0, binary: false }],
      scope: [],
      leftovers: [{ status: '??', path: 'stub.txt' }],
      agentExitedOk: true,
      denials: [{ tool: 'Bash', target: 'git commit', reason: 'denied' }],
      claims: { saysCommitted: true, commitsAhead: 0, missing: [], branch: 'b' },
    });
    expect(flags.map((f) => f.kind)).toEqual(['unverified-commit', 'denied', 'leftovers', 'lockfile']);
    expect(flags[2]!.detail).toBe('the agent exited 0 but left 1 uncommitted or untracked file in the worktree: stub.txt');
  });
});
