// Finding the repository from the file system agrees with git, and steps aside when the setup is unusual.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRepoFast } from '../../src/git/find-repo.js';
import { findRepoRoot, mainWorktree } from '../../src/git/repo.js';
import { git, makeRepo, tempDir } from '../helpers/repo.js';

describe('findRepoFast', () => {
  it('agrees with git in the main worktree, a subdirectory and a linked worktree', async () => {
    const repo = makeRepo();
    const sub = path.join(repo, 'a', 'b');
    mkdirSync(sub, { recursive: true });
    const linked = path.join(tempDir(), 'linked');
    git(repo, ['worktree', 'add', '-q', '-b', 'side', linked]);
    for (const dir of [repo, sub, linked]) {
      const root = await findRepoRoot(dir);
      expect(findRepoFast(dir), dir).toEqual({ root, main: await mainWorktree(root) });
    }
    expect(findRepoFast(linked)).toEqual({ root: linked, main: repo });
  });

  it('returns null outside a repository and when git is steered by the environment or config', () => {
    expect(findRepoFast(tempDir())).toBeNull();
    const repo = makeRepo();
    expect(findRepoFast(repo, { GIT_DIR: path.join(repo, '.git') })).toBeNull();
    git(repo, ['config', 'core.worktree', repo]);
    expect(findRepoFast(repo)).toBeNull();
  });
});
