import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CappedLog } from '../../src/runner/capped-log.js';
import { readLinesFrom } from '../../src/store/trace-read.js';
import { tempDir } from '../helpers/repo.js';

describe('CappedLog (real files)', () => {
  it('rotates at the cap, keeping at most two files of cap bytes, every byte in order', () => {
    const file = path.join(tempDir(), 'out.log');
    const log = new CappedLog(file, 100);
    const all = Buffer.from(Array.from({ length: 350 }, (_, i) => 48 + (i % 10)));
    for (let i = 0; i < all.length; i += 33) log.write(all.subarray(i, i + 33));
    log.close();
    expect(log.total).toBe(350);
    expect(log.rotations).toBe(3);
    expect(statSync(file).size).toBe(50);
    expect(statSync(`${file}.1`).size).toBe(100);
    expect(Buffer.concat([readFileSync(`${file}.1`), readFileSync(file)])).toEqual(all.subarray(200));
  });

  it('appends to an existing log and counts its size toward the cap', () => {
    const file = path.join(tempDir(), 'out.log');
    writeFileSync(file, 'x'.repeat(90));
    const log = new CappedLog(file, 100);
    log.write(Buffer.from('y'.repeat(20)));
    log.close();
    expect(readFileSync(`${file}.1`, 'utf8')).toBe('x'.repeat(90) + 'y'.repeat(10));
    expect(readFileSync(file, 'utf8')).toBe('y'.repeat(10));
  });
});

describe('readLinesFrom (real files)', () => {
  it('returns complete lines from an offset and leaves a partial line for later', () => {
    const file = path.join(tempDir(), 'trace.jsonl');
    expect(readLinesFrom(file, 0)).toEqual({ lines: [], offset: 0 });
    writeFileSync(file, 'a\nbb\ncc');
    const first = readLinesFrom(file, 0);
    expect(first).toEqual({ lines: ['a', 'bb'], offset: 5 });
    expect(readLinesFrom(file, first.offset)).toEqual({ lines: [], offset: 5 });
    writeFileSync(file, 'a\nbb\nccc\n');
    expect(readLinesFrom(file, first.offset)).toEqual({ lines: ['ccc'], offset: 9 });
    writeFileSync(file, 'new\n');
    expect(readLinesFrom(file, 9)).toEqual({ lines: ['new'], offset: 4 });
    expect(existsSync(file)).toBe(true);
  });
});
