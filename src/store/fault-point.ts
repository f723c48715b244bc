// Fault injection for the fault suite (tests/integration/faults-*.test.ts): the process stops, or leaves a
// mark, at a named point, so a test can kill -9 it exactly there without sleeping. Inert unless
// WTAGENTS_FAULT names points: `WTAGENTS_FAULT=merge.after-git` (pause there) or `name:mark` (note it and go
// on), comma-separated; WTAGENTS_FAULT_DIR gets `<point>.<pid>` holding the pid when a point is reached.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Reach the named point: nothing, unless the environment asks to pause (block until killed) or mark here. */
export function faultPoint(name: string): void {
  const spec = process.env.WTAGENTS_FAULT;
  if (!spec) return;
  const hit = spec
    .split(',')
    .map((s) => s.trim().split(':'))
    .find(([point]) => point === name);
  if (!hit) return;
  const dir = process.env.WTAGENTS_FAULT_DIR;
  if (dir) {
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${name}.${process.pid}`), `${process.pid}\n`);
    } catch {
      // the mark is best effort (the fault may be a full disk)
    }
  }
  if (hit[1] === 'mark') return;
  for (;;) Atomics.wait(sleeper, 0, 0, 60_000); // paused: the test kills us here
}
