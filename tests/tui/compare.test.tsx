// The compare view of best-of-N attempts, on real services: three attempts made and run by real tasks (a real
// repository, real agent processes, real checks), `enter` on one of them compares the three, `enter` there
// reviews the selected one, and merging it offers to abandon the others (each keeping its patch).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../src/core/task.js';
import { runJson } from '../helpers/cli.js';
import { git, makeRepo, writeFiles } from '../helpers/repo.js';
import { startReviewTui } from '../helpers/review-tui.js';
import { trackTask, waitSettled } from '../helpers/run.js';
import { taskJson } from '../helpers/task.js';

const agent = (body: string) => ({ command: ['bash', '-c', `cat > /dev/null; ${body}`] });

describe('compare view', () => {
  it('enter on an attempt shows all three side by side with the pick; enter reviews one; merging it offers to abandon the others', async () => {
    const repo = makeRepo();
    writeFiles(repo, {
      '.wtagents/config.json': JSON.stringify({
        agents: {
          good: agent('echo good > out.txt; git add out.txt; git commit -qm good; printf "## Merge recommendation\\nmerge\\n"'),
          big: agent('seq 1 50 > out.txt; git add out.txt; git commit -qm big; printf "## Merge recommendation\\nmerge\\n"'),
          lazy: agent('echo nothing to do'),
        },
      }),
    });
    const made = runJson<TaskRecord[]>(['new', 'Write out.txt', '--attempts', 'big,good,lazy', '--check', 'test -f out.txt', '--run'], { cwd: repo });
    made.forEach((t) => trackTask(t.taskDir));
    for (const t of made) await waitSettled(t.taskDir, ['done', 'failed'], 120_000);

    const tui = await startReviewTui(repo, { columns: 140, rows: 30 });
    await tui.waitFor('⑂3/3 lazy');
    let f = await tui.act('dashboard', 'open');
    f = await tui.waitFor('Review first: write-out-txt-2');
    expect(f).toContain('Compare ⑂ write-out-txt: Write out.txt · 3 attempts');
    expect(f).toMatch(/#\s+ATTEMPT\s+AGENT\s+STATE\s+CHECKS\s+DIFF\s+COST\s+RISKS\s+REVIEW\s+AGENT SAYS/);
    expect(f).toMatch(/ 1 +write-out-txt-1 +big +done +1\/1 +1f \+50 −0 /);
    expect(f).toMatch(/★2 +write-out-txt-2 +good +done +1\/1 +1f \+1 −0 /);
    expect(f).toMatch(/ 3 +write-out-txt-3 +lazy +failed +0\/1 /);
    expect(f.split('\n')).toHaveLength(30);

    // Select the pick (from whichever attempt the dashboard had selected) and review it.
    while (!tui.frame().includes('write-out-txt-2 · good · ⎇ wtagents/write-out-txt-2 · done')) {
      const i = tui.lines().findIndex((l) => l.includes('write-out-txt-'));
      expect(i).toBeGreaterThan(-1);
      await tui.act('compare', tui.frame().includes('write-out-txt-3 · lazy') ? 'up' : 'down');
    }
    await tui.act('compare', 'open');
    await tui.waitFor('lines 1–');
    expect(tui.frame()).toContain('write-out-txt-2');
    await tui.act('review', 'merge');
    await tui.press('y');
    f = await tui.waitFor('Merged write-out-txt-2: abandon the other 2 attempts (write-out-txt-1, write-out-txt-3), each keeping its work as a patch?');
    expect(f).toContain('Compare ⑂ write-out-txt'); // back on the compare view
    await tui.waitFor('Merged: write-out-txt-2 (2 others still open)');
    expect(taskJson(made[1]!.taskDir).state).toBe('merged');
    expect(git(repo, ['show', 'HEAD:out.txt'])).toBe('good\n');
    await tui.press('y');
    f = await tui.waitFor(/abandoned write-out-txt-1: work kept in \S+\.patch; abandoned write-out-txt-3/);
    expect([0, 1, 2].map((i) => taskJson(made[i]!.taskDir).state)).toEqual(['abandoned', 'merged', 'abandoned']);
    expect(existsSync(made[0]!.worktree)).toBe(false);
    // The view follows the group on disk: both others now abandoned, the merged one named.
    await tui.waitFor((fr) => / 1 +write-out-txt-1 +big +abandoned /.test(fr) && / 3 +write-out-txt-3 +lazy +abandoned /.test(fr));
    expect(tui.frame()).toContain('Merged: write-out-txt-2\n');
    await tui.act('compare', 'back');
    await tui.waitFor('j/k move'); // the dashboard
  }, 240_000);
});
