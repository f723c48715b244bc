// git exec primitive vs simple-git: mean time per call of a command that prints nothing (simple-git waits
// 50 ms for output that never comes) and one that prints, in a fresh repository. Prints ratios only.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleGit } from 'simple-git';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wtagents-bench-git-'));
execFileSync('git', ['init', '-q', dir]);
execFileSync('git', ['-C', dir, '-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-q', '--allow-empty', '-m', 'x']);
const N = Number(process.env.N ?? 20);

function viaSpawn(args) {
  return new Promise((resolve, reject) => {
    const c = spawn('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.on('error', reject);
    c.on('close', (code) => resolve({ code, out }));
  });
}

async function mean(fn) {
  const t = performance.now();
  for (let i = 0; i < N; i++) await fn();
  return (performance.now() - t) / N;
}

for (const [name, args] of [['quiet (diff --quiet)', ['diff', '--quiet']], ['prints (rev-parse HEAD)', ['rev-parse', 'HEAD']]]) {
  const sg = await mean(() => simpleGit({ baseDir: dir }).raw(args));
  const sp = await mean(() => viaSpawn(args));
  console.log(`${name}: simple-git ${sg.toFixed(1)} ms, spawn ${sp.toFixed(1)} ms per call; simple-git/spawn = ${(sg / sp).toFixed(2)}`);
}
