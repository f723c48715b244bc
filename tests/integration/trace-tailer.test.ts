// The trace tailer and pager on real files: appended bytes only, partial lines, truncation, rotation,
// malformed lines counted, chokidar events without polling; the pager reads only the lines asked for.
import { appendFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/core/trace-schema.js';
import { TracePager } from '../../src/store/trace-pager.js';
import { TraceTail, TraceTailer, type TailUpdate } from '../../src/store/trace-tailer.js';
import { TaskWatcher } from '../../src/store/task-watcher.js';
import { makeRepo, tempDir } from '../helpers/repo.js';
import { cliTask, markState } from '../helpers/tasks.js';

const line = (seq: number, text = `m${seq}`) => `${JSON.stringify({ v: 1, ts: '2026-01-01T00:00:00Z', task: 't', seq, round: 1, type: 'agent.message', text })}\n`;

function collector() {
  const updates: TailUpdate[] = [];
  return {
    updates,
    on: (u: TailUpdate) => updates.push(u),
    texts: () => updates.flatMap((u) => u.events.map((e: TraceEvent) => (e.type === 'agent.message' ? e.text : e.type))),
  };
}

async function until(test: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('TraceTail', () => {
  it('reads only appended bytes and keeps a partial line until it is complete', () => {
    const file = path.join(tempDir(), 'trace.jsonl');
    writeFileSync(file, line(1));
    const c = collector();
    const tail = new TraceTail(file, c.on);
    tail.read();
    expect(c.texts()).toEqual(['m1']);
    const l2 = line(2, 'héllo 🚀');
    const bytes = Buffer.from(l2);
    appendFileSync(file, bytes.subarray(0, 30)); // cuts inside the JSON (and before the emoji)
    tail.read();
    expect(c.texts()).toEqual(['m1']);
    appendFileSync(file, bytes.subarray(30));
    tail.read();
    expect(c.texts()).toEqual(['m1', 'héllo 🚀']);
    expect(tail.stats.offset).toBe(Buffer.byteLength(line(1)) + bytes.length);
    tail.read();
    expect(c.updates).toHaveLength(2); // nothing new: no update
  });

  it('counts and skips malformed and unknown lines', () => {
    const file = path.join(tempDir(), 'trace.jsonl');
    writeFileSync(file, `${line(1)}not json\n{"type":"agent.future","v":1}\n[1,2]\n{"v":1,"type":"agent.message"}\n${line(2)}`);
    const c = collector();
    const tail = new TraceTail(file, c.on);
    tail.read();
    expect(c.texts()).toEqual(['m1', 'm2']);
    expect(tail.stats).toMatchObject({ events: 2, malformed: 3, unknown: 1 });
  });

  it('starts over after truncation and after rotation (a new file under the name)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'trace.jsonl');
    writeFileSync(file, line(1) + line(2));
    const c = collector();
    const tail = new TraceTail(file, c.on);
    tail.read();
    truncateSync(file, 0);
    appendFileSync(file, line(1, 'after truncate'));
    tail.read();
    expect(c.updates.at(-1)).toMatchObject({ reset: true });
    expect(c.texts().at(-1)).toBe('after truncate');
    renameSync(file, path.join(dir, 'trace.1.jsonl'));
    tail.read(); // missing for a moment: nothing happens
    writeFileSync(file, line(1, 'rotated'));
    tail.read();
    expect(c.updates.at(-1)).toMatchObject({ reset: true });
    expect(c.texts().at(-1)).toBe('rotated');
    expect(tail.stats.resets).toBe(2);
  });

  it('reads only the backlog of a big existing file, from a line start', () => {
    const file = path.join(tempDir(), 'trace.jsonl');
    let text = '';
    for (let i = 1; i <= 1000; i++) text += line(i);
    writeFileSync(file, text);
    const c = collector();
    const tail = new TraceTail(file, c.on, { backlogBytes: 1000 });
    tail.read();
    const texts = c.texts();
    expect(texts.at(-1)).toBe('m1000');
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.length).toBeLessThan(20);
    expect(tail.stats.malformed).toBe(0); // the cut first line was skipped, not counted
    // Starting exactly at a line boundary keeps that line.
    const c2 = collector();
    new TraceTail(file, c2.on, { backlogBytes: Buffer.byteLength(line(1000)) }).read();
    expect(c2.texts()).toEqual(['m1000']);
  });
});

describe('TraceTail, activity only', () => {
  it('notices growth without reading or parsing, and starts at the end', () => {
    const file = path.join(tempDir(), 'trace.jsonl');
    writeFileSync(file, line(1));
    const c = collector();
    const tail = new TraceTail(file, c.on, { activityOnly: true });
    tail.read();
    expect(c.updates).toEqual([]);
    appendFileSync(file, 'not even json\n' + line(2));
    tail.read();
    expect(c.updates).toEqual([{ events: [], reset: false, grew: Buffer.byteLength('not even json\n' + line(2)), fileEdit: false }]);
    expect(tail.stats).toMatchObject({ events: 0, malformed: 0 });
  });
});

describe('TraceTailer', () => {
  let tailer: TraceTailer | null = null;
  afterEach(async () => {
    await tailer?.close();
    tailer = null;
  });

  it('delivers appended lines from file events (no polling), to every follower, until unfollowed', async () => {
    const file = path.join(tempDir(), 'trace.jsonl');
    writeFileSync(file, line(1));
    tailer = new TraceTailer();
    const a = collector();
    const b = collector();
    const ta = tailer.follow(file, a.on);
    tailer.follow(file, b.on);
    expect(a.texts()).toEqual(['m1']);
    // Nothing polls here: an append shows up only through a file event (retried until the watch holds).
    const deadline = Date.now() + 30_000;
    for (let i = 2; a.texts().length < 2; i++) {
      if (Date.now() > deadline) throw new Error('no file event delivered an appended line');
      appendFileSync(file, line(i));
      await new Promise((r) => setTimeout(r, 100));
    }
    await until(() => b.texts().length === a.texts().length);
    tailer.unfollow(ta);
    appendFileSync(file, line(99, 'late'));
    await until(() => b.texts().includes('late'));
    expect(a.texts()).not.toContain('late');
    expect(tailer.following()).toEqual([file]);
  });

  it("reads each append through the file's own watch (chokidar only waits for a missing file), armed again on the new file after a rotation, and on a file made later", async () => {
    const dir = tempDir();
    const file = path.join(dir, 'trace.jsonl');
    const later = path.join(dir, 'later.jsonl');
    writeFileSync(file, line(1));
    tailer = new TraceTailer();
    const c = collector();
    const l = collector();
    tailer.follow(file, c.on);
    tailer.follow(later, l.on); // not there yet
    await until(() => tailer!.ownWatches().includes(file) && tailer!.waitingFor().includes(later));
    expect(tailer.ownWatches()).toEqual([file]);
    expect(tailer.waitingFor()).toEqual([later]); // chokidar only for the file that is not there
    appendFileSync(file, line(2));
    await until(() => c.texts().includes('m2'));
    // Rotation: the old inode's watch goes; chokidar reports the new file, whose own watch is armed.
    renameSync(file, path.join(dir, 'trace.1.jsonl'));
    await until(() => !tailer!.ownWatches().includes(file));
    writeFileSync(file, line(1, 'rotated'));
    await until(() => c.texts().includes('rotated'));
    await until(() => tailer!.ownWatches().includes(file));
    appendFileSync(file, line(2, 'after rotation'));
    await until(() => c.texts().includes('after rotation'));
    // A file made after it was followed.
    writeFileSync(later, line(1, 'made later'));
    await until(() => l.texts().includes('made later') && tailer!.ownWatches().includes(later));
    appendFileSync(later, line(2, 'appended later'));
    await until(() => l.texts().includes('appended later'));
    expect(tailer.waitingFor()).toEqual([]);
    await tailer.close();
    expect(tailer.ownWatches()).toEqual([]);
  });
});

describe('TracePager', () => {
  it('indexes lines as the file grows and reads any range', () => {
    const file = path.join(tempDir(), 'trace.jsonl');
    writeFileSync(file, line(1) + 'garbage\n' + line(3) + '{"partial');
    const p = new TracePager(file);
    expect(p.refresh()).toBe(3);
    expect(p.read(0, 10).map((x) => x.kind)).toEqual(['event', 'malformed', 'event']);
    appendFileSync(file, '":1}\n' + line(5));
    expect(p.refresh()).toBe(5);
    const r = p.read(3, 5);
    expect(r.map((x) => x.kind)).toEqual(['malformed', 'event']);
    truncateSync(file, 0);
    appendFileSync(file, line(1, 'new'));
    expect(p.refresh()).toBe(1);
    const only = p.read(0, 1)[0]!;
    expect(only.kind === 'event' && only.event.type === 'agent.message' && only.event.text).toBe('new');
    expect(new TracePager(path.join(path.dirname(file), 'missing.jsonl')).refresh()).toBe(0);
  });
});

describe('TaskWatcher', () => {
  it('reports task.json changes from other processes, not trace appends, and tasks made after it started', async () => {
    const repo = makeRepo();
    const a = cliTask(repo, 'Watched');
    let changes = 0;
    const w = new TaskWatcher(repo, () => changes++);
    await w.start();
    await until(() => changes >= 1); // the ready event
    const settle = async () => {
      const before = changes;
      await new Promise((r) => setTimeout(r, 400));
      return changes === before;
    };
    while (!(await settle()));
    const base = changes;
    for (let i = 0; i < 50; i++) appendFileSync(path.join(a.taskDir, 'trace.jsonl'), line(100 + i));
    await new Promise((r) => setTimeout(r, 400));
    expect(changes).toBe(base);
    await markState(a, 'failed');
    await until(() => changes > base);
    const b = cliTask(repo, 'Second');
    await until(() => changes > base + 1);
    const c2 = changes;
    await markState(b, 'done');
    await until(() => changes > c2);
    await w.close();
  });
});
