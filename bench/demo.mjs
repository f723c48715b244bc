// How long the demo takes as a newcomer sees it (real speed unless WTAGENTS_DEMO_SPEED is set), as JSON:
// the `demo --no-open` command itself, each task until it settles, and the divide task's round 2.
// Run: npm run build && npx node bench/demo.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist', 'wtagents.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wt-bench-demo-'));
const sandbox = path.join(tmp, 'sandbox');
const run = (...args) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wtagents ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const taskJson = (dir) => JSON.parse(readFileSync(path.join(dir, 'task.json'), 'utf8'));

/** ms from `since` until the task is settled (not running, no supervisor), with its state. */
async function settled(dir, since) {
  for (;;) {
    const t = taskJson(dir);
    if (t.state !== 'running' && !t.processes.supervisor) return { state: t.state, ms: Math.round(performance.now() - since) };
    await new Promise((r) => setTimeout(r, 50));
  }
}

try {
  const t0 = performance.now();
  run('demo', '--no-open', '--dir', sandbox);
  const demoCommandMs = Math.round(performance.now() - t0);
  const tasks = JSON.parse(run('list', '--repo', sandbox, '--json'));
  const multiply = tasks.find((t) => t.title.includes('multiply'));
  const divide = tasks.find((t) => t.title.includes('divide'));
  const [m, d] = await Promise.all([settled(multiply.taskDir, t0), settled(divide.taskDir, t0)]);
  const t1 = performance.now();
  run('run', divide.id, '--repo', sandbox, '--feedback', 'The old Infinity test still fails.');
  const d2 = await settled(divide.taskDir, t1);
  console.log(JSON.stringify({ speed: Number(process.env.WTAGENTS_DEMO_SPEED ?? 1), demoCommandMs, multiply: m, divide: d, divideRound2: d2 }, null, 2));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
