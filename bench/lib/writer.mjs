// Stands in for 50 supervisors: makes running tasks (this process is their supervisor), then appends
// `rate` events/s to each trace. The selected task's messages carry markers (MK000123#) whose append
// times go to --out. Usage: node writer.mjs REPO TASKS RATE WARMUP_S DURATION_S OUT [TEMPLATE_DIR WORKTREES_JSON]
// (with a template task directory and a JSON list of worktrees, the tasks are copies of that task whose
// worktrees are those, in turn: their change counts are real).
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { cloneTasks, traceLine } from './common.mjs';

const [repo, nTasks, rate, warmupS, durationS, out, template, worktrees] = process.argv.slice(2);
const startedAt = new Date(Date.now() - process.uptime() * 1000).toISOString();
const real = template ? { template, worktrees: JSON.parse(worktrees ?? '[]') } : {};
const tasks = cloneTasks(repo, Number(nTasks), { state: 'running', supervisorPid: process.pid, startedAt, ...real });
// The list puts the newest running task first and selects it: that is the one on screen.
const selected = tasks.at(-1);
const fds = tasks.map((t) => openSync(t.trace, 'a'));
const seq = tasks.map(() => 0);
process.stdout.write('READY\n');

const now = () => performance.timeOrigin + performance.now();
const begin = now() + Number(warmupS) * 1000;
const end = begin + Number(durationS) * 1000;
const tickMs = 1000 / Number(rate);
const appended = {};
let marker = 0;
let next = now();
const tick = () => {
  const t = now();
  while (next <= t) {
    for (let i = 0; i < tasks.length; i++) {
      const task = tasks[i];
      const text = task === selected ? `MK${String(++marker).padStart(6, '0')}# working on step ${marker}` : `filler ${seq[i] + 1}`;
      writeSync(fds[i], traceLine(task.id, ++seq[i], text));
      if (task === selected && now() >= begin && now() <= end) appended[marker] = now();
    }
    next += tickMs;
  }
  if (t > end) {
    fds.forEach((fd) => closeSync(fd));
    writeFileSync(out, JSON.stringify({ begin, end, appended, events: seq.reduce((a, b) => a + b, 0) }));
    process.exit(0);
  }
  setTimeout(tick, Math.max(0, next - now()));
};
tick();
