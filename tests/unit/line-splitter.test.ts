import { describe, expect, it } from 'vitest';
import { LINE_CUT_MARK, LineSplitter } from '../../src/core/line-splitter.js';

const b = (s: string | number[]) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s));

describe('LineSplitter', () => {
  it('splits on newlines and holds a partial last line until it completes', () => {
    const s = new LineSplitter();
    expect(s.push(b('one\ntw'))).toEqual(['one']);
    expect(s.push(b('o\nthree'))).toEqual(['two']);
    expect(s.push(b(''))).toEqual([]);
    expect(s.end()).toEqual(['three']);
    expect(s.end()).toEqual([]);
  });

  it('keeps empty lines, drops a CR before the newline', () => {
    const s = new LineSplitter();
    expect(s.push(b('a\r\n\n\r\nb\n'))).toEqual(['a', '', '', 'b']);
  });

  it('joins a multi-byte character split across chunks', () => {
    const s = new LineSplitter();
    const bytes = b('héllo 🙂\n');
    expect(s.push(bytes.subarray(0, 2))).toEqual([]);
    expect(s.push(bytes.subarray(2, 8))).toEqual([]);
    expect(s.push(bytes.subarray(8))).toEqual(['héllo 🙂']);
  });

  it('tolerates invalid UTF-8 with replacement characters', () => {
    const s = new LineSplitter();
    expect(s.push(b([0x61, 0xff, 0xfe, 0x62, 0x0a]))).toEqual(['a\ufffd\ufffdb']);
  });

  it('cuts an overlong line once and skips the rest of it, then goes on', () => {
    const s = new LineSplitter(10);
    expect(s.push(b('0123456'))).toEqual([]);
    expect(s.push(b('789abcdef'))).toEqual([`0123456789${LINE_CUT_MARK}`]);
    expect(s.push(b('more of the same'))).toEqual([]);
    expect(s.push(b(' end\nnext\n'))).toEqual(['next']);
    expect(s.push(b('x'.repeat(25)))).toEqual([`xxxxxxxxxx${LINE_CUT_MARK}`]);
    expect(s.end()).toEqual([]);
    expect(s.push(b('fine\n'))).toEqual(['fine']);
  });

  it('keeps its own copy of a held partial line (a reused chunk buffer cannot change it)', () => {
    const s = new LineSplitter();
    const chunk = b('abc');
    expect(s.push(chunk)).toEqual([]);
    chunk.fill(0x7a);
    expect(s.push(b('def\n'))).toEqual(['abcdef']);
  });

  it('handles a large chunk of many lines', () => {
    const s = new LineSplitter();
    const lines = Array.from({ length: 10_000 }, (_, i) => `line ${i}`);
    expect(s.push(b(`${lines.join('\n')}\n`))).toEqual(lines);
  });

  it('never splits a UTF-8 character, wherever the chunk ends', () => {
    const bytes = b('héllo 日本 🚀\nnext\n');
    for (let cutAt = 1; cutAt < bytes.length; cutAt++) {
      const s = new LineSplitter();
      expect([...s.push(bytes.subarray(0, cutAt)), ...s.push(bytes.subarray(cutAt))]).toEqual(['héllo 日本 🚀', 'next']);
    }
  });

  it('reports the bytes held, and forgets them on reset', () => {
    const s = new LineSplitter();
    expect(s.push(b('{"a":1}\n{"b"'))).toEqual(['{"a":1}']);
    expect(s.pendingBytes).toBe(4);
    s.reset();
    expect(s.pendingBytes).toBe(0);
    expect(s.push(b('whole\r\n'))).toEqual(['whole']);
  });
});
