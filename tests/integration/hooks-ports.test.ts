// Hooks and ports: config `hooks` run with WTAGENTS_* env — afterCreate, onStateChange (old → new state, for
// every change the run and the review make), beforeMerge (a failure refuses the merge with its output, changing
// nothing) and afterMerge; every task gets a stable WTAGENTS_PORT (hashed from its id, free-checked at
// creation) that setup, the agent and the checks all see.
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPort } from '../../src/core/port.js';
import { runCli } from '../helpers/cli.js';
import { git, makeRepo, tempDir, writeFiles } from '../helpers/repo.js';
import { newTask, readRecord, waitFor, waitSettled } from '../helpers/run.js';

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
}

describe('hooks', () => {
  it('afterCreate and onStateChange run with the task’s env; a failing beforeMerge refuses the merge with its output; afterMerge runs', async () => {
    const repo = makeRepo();
    const out = path.join(tempDir(), 'hooks.out');
    const gate = path.join(tempDir(), 'allow-merge');
    writeFiles(repo, {
      '.wtagents/config.json': JSON.stringify({
        hooks: {
          afterCreate: `echo "created $WTAGENTS_TASK on $WTAGENTS_BRANCH port $WTAGENTS_PORT" >> ${out}`,
          onStateChange: `echo "state $WTAGENTS_OLD_STATE>$WTAGENTS_NEW_STATE" >> ${out}`,
          beforeMerge: `test -e ${gate} || { echo "lint failed: 3 problems"; exit 3; }`,
          afterMerge: `echo "merged $WTAGENTS_TASK into $WTAGENTS_BASE at $WTAGENTS_MERGE_COMMIT" >> ${out}`,
        },
      }),
    });
    const task = newTask(repo, ['Hooked task', '--agent-command', 'cat > /dev/null; echo hi > hi.txt; git add hi.txt; git commit -qm hi', '--run']);
    await waitSettled(task.taskDir);
    expect(lines(out)[0]).toBe(`created ${task.id} on ${task.branch} port ${readRecord(task.taskDir).port}`);
    await waitFor('the state hooks', () => lines(out).includes('state running>done') && lines(out).includes('state ready>running'));

    const refused = runCli(['review', task.id, '--merge', '--yes'], { cwd: repo });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the beforeMerge hook refused the merge (exit 3): lint failed: 3 problems');
    expect(readRecord(task.taskDir).state).toBe('done');
    expect(git(repo, ['log', '--oneline', 'main']).trim().split('\n')).toHaveLength(1);

    writeFiles(path.dirname(gate), { [path.basename(gate)]: '' });
    const merged = runCli(['review', task.id, '--merge', '--yes'], { cwd: repo });
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    const head = git(repo, ['rev-parse', 'main']).trim();
    expect(lines(out)).toContain(`merged ${task.id} into main at ${head}`);
    await waitFor('the merged state hook', () => lines(out).includes('state done>merged'));
    expect(readFileSync(path.join(task.taskDir, 'logs', 'hooks.log'), 'utf8')).toContain('lint failed: 3 problems');
  });

  it('a bad hooks entry is a config error naming the field', async () => {
    const repo = makeRepo();
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ hooks: { onStateChagne: 'x' } }) });
    const r = runCli(['new', 'x'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('hooks.onStateChagne');
  });
});

describe('WTAGENTS_PORT', () => {
  it('is hashed from the id, skips a port in use, is recorded, and setup, agent and checks see it', async () => {
    const repo = makeRepo();
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ setup: ['echo $WTAGENTS_PORT > setup-port'] }) });
    const busy = net.createServer();
    await new Promise<void>((res) => busy.listen({ port: hashPort('port-task'), host: '127.0.0.1' }, () => res()));
    try {
      const task = newTask(repo, ['Port task', '--agent-command', 'cat > /dev/null; echo $WTAGENTS_PORT > agent-port', '--check', 'test "$WTAGENTS_PORT" -gt 0 && echo $WTAGENTS_PORT > check-port', '--run']);
      const port = readRecord(task.taskDir).port!;
      expect(port).toBe(hashPort('port-task') + 1); // its own was taken
      const settled = await waitSettled(task.taskDir);
      expect(settled.state).toBe('done');
      for (const f of ['setup-port', 'agent-port', 'check-port']) expect(readFileSync(path.join(task.worktree, f), 'utf8').trim()).toBe(String(port));
    } finally {
      busy.close();
    }
    expect(hashPort('port-task')).toBe(hashPort('port-task'));
    expect(hashPort('port-task')).toBeGreaterThanOrEqual(20000);
  });
});
