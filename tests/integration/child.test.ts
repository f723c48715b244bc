// The supervisor's children through node:child_process (src/proc/child.ts): real processes. Stdin from a
// file, output appended to a file or piped, exactly the given environment, its own process group, a
// binary that does not exist reported (not thrown), and `done` waiting until the pipes are closed.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startChild } from '../../src/proc/child.js';
import { tempDir } from '../helpers/repo.js';

const collect = (s: NodeJS.ReadableStream | null): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    s?.on('data', (b: Buffer) => (text += b.toString()));
    s?.on('end', () => resolve(text));
  });

describe('startChild', () => {
  it('feeds stdin from a file, appends both outputs to a log, passes exactly the environment, runs in its own group', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'in.txt');
    const log = path.join(dir, 'out.log');
    writeFileSync(input, 'from the file\n');
    writeFileSync(log, 'before\n');
    const script = 'cat; echo "env:$ONLY_THIS:${HOME:-none}"; echo err >&2; ps -o pgid= -p $$ | tr -d " "; exit 3';
    const c = startChild('/bin/sh', ['-c', script], { cwd: dir, env: { ONLY_THIS: 'yes', PATH: process.env.PATH }, stdin: { file: input }, stdout: { file: log, append: true }, stderr: { file: log, append: true }, detached: true });
    expect(c.pid).toBeGreaterThan(0);
    expect(c.stdout).toBeNull();
    const r = await c.done;
    expect(r).toEqual({ exitCode: 3, signal: null });
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines.slice(0, 3)).toEqual(['before', 'from the file', 'env:yes:none']);
    expect(lines).toContain('err');
    expect(lines.at(-1)).toBe(String(c.pid)); // its own process group
  });

  it('pipes stdout and stderr as bytes; done settles after the pipes have ended', async () => {
    const c = startChild('/bin/sh', ['-c', 'printf "a\\nb"; printf x >&2'], { cwd: tempDir(), env: { PATH: process.env.PATH }, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', detached: false });
    const [out, err, r] = await Promise.all([collect(c.stdout), collect(c.stderr), c.done]);
    expect([out, err]).toEqual(['a\nb', 'x']);
    expect(r.exitCode).toBe(0);
  });

  it('reports a signal that ended the child', async () => {
    const c = startChild('/bin/sh', ['-c', 'kill -TERM $$'], { cwd: tempDir(), env: {}, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', detached: true });
    expect(await c.done).toEqual({ exitCode: null, signal: 'SIGTERM' });
  });

  it('a binary that does not exist, or a stdin file that does not, is a start error, not an exception', async () => {
    const dir = tempDir();
    const missing = startChild('no-such-binary-xyz', [], { cwd: dir, env: { PATH: process.env.PATH }, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', detached: true });
    expect(missing.pid).toBeUndefined();
    const r = await missing.done;
    expect(r.exitCode).toBeNull();
    expect(r.startError).toMatch(/ENOENT.*no-such-binary-xyz/);
    const noInput = startChild('/bin/cat', [], { cwd: dir, env: {}, stdin: { file: path.join(dir, 'nope.txt') }, stdout: 'pipe', stderr: 'pipe', detached: true });
    expect(noInput.process).toBeNull();
    expect((await noInput.done).startError).toMatch(/ENOENT/);
  });
});
