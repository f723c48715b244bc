// Keeps the real streams of the suite's runs as fixtures (tests/fixtures/streams/real/) when WTAGENTS_RECORD_STREAMS=1.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { TaskRecord } from '../../src/core/task.js';
import { ROOT } from '../helpers/cli.js';

export const REAL_STREAMS = path.join(ROOT, 'tests', 'fixtures', 'streams', 'real');

/** Round 1 → `<agent>.jsonl`, round 2 (resumed) → `<agent>-resumed.jsonl`, from the implement step's stdout log. */
export function recordStream(agent: string, t: TaskRecord, round: number): void {
  if (process.env.WTAGENTS_RECORD_STREAMS !== '1') return;
  const from = path.join(t.taskDir, 'logs', `round-${round}-implement.stdout.log`);
  if (!existsSync(from)) return;
  mkdirSync(REAL_STREAMS, { recursive: true });
  copyFileSync(from, path.join(REAL_STREAMS, `${agent}${round > 1 ? '-resumed' : ''}.jsonl`));
}
