// Byte stream → complete lines: partial lines wait as bytes, UTF-8 split anywhere, oversized lines dropped.
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/core/line-splitter.js';

describe('LineSplitter', () => {
  it('keeps a partial last line until its newline comes', () => {
    const s = new LineSplitter();
    expect(s.push(Buffer.from('{"a":1}\n{"b"')).lines).toEqual(['{"a":1}']);
    expect(s.pendingBytes).toBe(4);
    expect(s.push(Buffer.from(':2}\n\n')).lines).toEqual(['{"b":2}', '']);
    expect(s.pendingBytes).toBe(0);
  });

  it('never splits a UTF-8 character, wherever the chunk ends', () => {
    const text = 'héllo 日本 🚀\nnext\n';
    const bytes = Buffer.from(text);
    for (let cutAt = 1; cutAt < bytes.length; cutAt++) {
      const s = new LineSplitter();
      const lines = [...s.push(bytes.subarray(0, cutAt)).lines, ...s.push(bytes.subarray(cutAt)).lines];
      expect(lines).toEqual(['héllo 日本 🚀', 'next']);
    }
  });

  it('drops lines over the limit (counted), also when they span chunks, and carries on', () => {
    const s = new LineSplitter(10);
    let r = s.push(Buffer.from('short\n0123456789abc\nok\n'));
    expect(r).toEqual({ lines: ['short', 'ok'], oversized: 1 });
    r = s.push(Buffer.from('0123456'));
    expect(r.oversized).toBe(0);
    r = s.push(Buffer.from('789abcdef'));
    expect(r.oversized).toBe(1);
    r = s.push(Buffer.from('more\nafter\n'));
    expect(r).toEqual({ lines: ['after'], oversized: 0 });
  });

  it('forgets a partial line on reset, and strips CR of CRLF lines', () => {
    const s = new LineSplitter();
    s.push(Buffer.from('half'));
    s.reset();
    expect(s.push(Buffer.from('whole\r\n')).lines).toEqual(['whole']);
  });
});
