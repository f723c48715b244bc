// Ink's stdout over the review's first paint (components/over-first-paint.ts), on a real stream: Ink's enter of
// the alternate screen is left out (the paint is there already), its first frame starts with home and
// erase-down in the same write, and everything after passes through untouched, as do the stream's properties.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { drawsText, overFirstPaint } from '../../components/over-first-paint.js';

describe('over the first paint', () => {
  it('drops the second enter, clears in the first frame’s own write, then passes everything through', () => {
    const stream = Object.assign(new PassThrough(), { columns: 120, rows: 35, isTTY: true });
    const chunks: string[] = [];
    stream.on('data', (d: Buffer) => chunks.push(d.toString()));
    const ink = overFirstPaint(stream);
    expect([ink.columns, ink.rows, ink.isTTY]).toEqual([120, 35, true]);
    for (const w of ['\u001b[?1049h', '\u001b[?25l', '\u001b[?2026h', '\u001b[1mreview\u001b[22m x\nrow two', '\u001b[?2026l', 'later frame', '\u001b[?1049h']) ink.write(w);
    expect(chunks).toEqual(['\u001b[?25l', '\u001b[?2026h', '\u001b[H\u001b[J\u001b[1mreview\u001b[22m x\nrow two', '\u001b[?2026l', 'later frame', '\u001b[?1049h']);
    let resized = 0;
    ink.on('resize', () => resized++);
    stream.emit('resize');
    expect(resized).toBe(1);
  });

  it('tells text from control sequences alone', () => {
    expect(drawsText('\u001b[?25l\u001b[2K\u001b[1A')).toBe(false);
    expect(drawsText('\u001b[31mx\u001b[39m')).toBe(true);
    expect(drawsText(' ')).toBe(true);
  });
});
