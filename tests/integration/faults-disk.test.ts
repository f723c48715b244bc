// Finding 9: a full disk. The repository and its task live on a small tmpfs the test fills while the agent
// prints: the trace append is cut mid-line by ENOSPC. The supervisor must live on (it used to crash with no
// reason recorded), the next append must start on a new line (it used to glue onto the partial one), the
// lost events must be counted once space is back, and the review must work on a read-only disk.
// Needs root (mount); skipped, saying why, where a tmpfs cannot be mounted.
import { execFileSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git, makeRepo, tempDir } from '../helpers/repo.js';
import { newTask, readRecord, traceEvents, waitFor, waitSettled } from '../helpers/run.js';

function tryMount(dir: string): string | null {
  if (process.getuid?.() !== 0) return 'not root: cannot mount a small tmpfs to fill';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `mount -t tmpfs failed: ${(error as Error).message.split('\n')[0]}`;
  }
}

const mountPoint = tempDir('wt-disk-');
const cannot = tryMount(mountPoint);
afterAll(() => {
  if (cannot === null) execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
});

/** Write into the filesystem until it is full; returns the filler file. */
function fillDisk(dir: string): string {
  const file = path.join(dir, 'filler');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 120);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  // The last partial chunk too: byte by byte down to nothing.
  const small = openSync(file, 'a');
  try {
    for (;;) writeSync(small, Buffer.alloc(512, 120));
  } catch {
    // full
  } finally {
    closeSync(small);
  }
  return file;
}

describe('disk full (finding 9)', () => {
  it('keeps the supervisor alive, never glues a line, counts lost events, and reviews read-only', async (ctx) => {
    if (cannot !== null) return ctx.skip(cannot);
    const repo = path.join(mountPoint, 'repo');
    mkdirSync(repo);
    git(repo, ['init', '-q', '-b', 'main']);
    git(repo, ['config', 'user.name', 'Test User']);
    git(repo, ['config', 'user.email', 'test@example.com']);
    writeFileSync(path.join(repo, 'README.md'), '# disk\n');
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'first']);
    const gate = tempDir('wt-gate-');
    const faults = path.join(gate, 'faults');
    const agent = path.join(gate, 'agent.sh');
    const long = 'x'.repeat(300);
    writeFileSync(
      agent,
      [
        'echo phase-one',
        `while [ ! -e '${gate}/go1' ]; do sleep 0.05; done`,
        `for i in $(seq 1 400); do echo "phase-two $i ${long}"; done`,
        `while [ ! -e '${gate}/go2' ]; do sleep 0.05; done`,
        'echo phase-three',
      ].join('\n'),
    );
    const env = { WTAGENTS_FAULT: 'trace.append-failed:mark', WTAGENTS_FAULT_DIR: faults };
    const t = newTask(repo, ['Fill the disk', '--agent-command', `bash '${agent}'`, '--format', 'text', '--run'], env);
    await waitFor('phase one in the trace', () => traceEvents(t.taskDir).some((e) => e.type === 'agent.output' && e.text === 'phase-one'));

    const filler = fillDisk(mountPoint);
    writeFileSync(path.join(gate, 'go1'), '');
    await waitFor('a trace append to fail', () => existsSync(faults) && readdirSync(faults).some((f) => f.startsWith('trace.append-failed.')));
    rmSync(filler);
    writeFileSync(path.join(gate, 'go2'), '');
    const done = await waitSettled(t.taskDir);
    expect(done.state).toBe('done');

    const text = readFileSync(path.join(t.taskDir, 'trace.jsonl'), 'utf8');
    for (const line of text.split('\n')) expect(line.split('{"v":1,').length - 1, `a glued line: ${line.slice(0, 120)}…`).toBeLessThanOrEqual(1);
    const events = traceEvents(t.taskDir);
    expect(events.some((e) => e.type === 'agent.output' && e.text === 'phase-three')).toBe(true);
    const lost = events.find((e) => e.type === 'agent.error' && e.message.includes('trace event'));
    expect(lost?.type === 'agent.error' && lost.message).toMatch(/lost.*ENOSPC|ENOSPC.*lost/s);
    expect(events.at(-1)).toMatchObject({ type: 'task.state', state: 'done' });

    // The review on a read-only disk: the evidence is shown, the copies it could not write are named.
    execFileSync('mount', ['-o', 'remount,ro', mountPoint], { stdio: 'pipe' });
    try {
      const r = runCli(['review', t.id], { cwd: repo });
      expect(r.stderr).toMatch(/could not write review\/diff\.patch/);
      expect(r.stdout).toContain(`Task ${t.id} · done`);
      expect(r.code).toBe(0);
      expect(runCli(['list'], { cwd: repo }).stdout).toContain(t.id);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint], { stdio: 'pipe' });
    }
    expect(readRecord(t.taskDir).state).toBe('done');
  });

  it('starts every append on a new line when the trace ends in a partial one (a write cut short)', () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Cut short']);
    const trace = path.join(t.taskDir, 'trace.jsonl');
    appendFileSync(trace, '{"v":1,"ts":"2026-01-01T00:00:00Z","task":"cut-short","seq":99,"round":1,"type":"agent.output","text":"half a li');
    const r = runCli(['review', t.id], { cwd: repo });
    expect(r.code).toBe(0);
    const lines = readFileSync(trace, 'utf8').split('\n');
    expect(lines.at(-3)).toMatch(/half a li$/);
    expect(JSON.parse(lines.at(-2)!)).toMatchObject({ type: 'review.opened', seq: 100 });
    expect(traceEvents(t.taskDir).at(-1)).toMatchObject({ type: 'review.opened' });
  });
});
