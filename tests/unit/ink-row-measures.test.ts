// The build's Ink patch (scripts/bundle.mjs inkRowMeasures): a text node's width taken from Ink's measure
// cache, and a changed row that is not printable ASCII written whole. Frames rendered by Ink bundled with
// and without it are identical (wide, emoji, coloured, truncated, wrapped and bordered rows), and each row
// update is Ink's own or the whole row (what Ink writes for a row with nothing in common).
import { describe, expect, it } from 'vitest';
import { inkRowMeasures } from '../../scripts/bundle.mjs';
import { bundleInkProgram } from '../helpers/ink-bundle.js';

type LineUpdate = (previous: string, next: string, columns: number) => string;
interface Built {
  frames: (frames: string[][], columns: number) => string[];
  lineUpdate: LineUpdate;
  source: string;
}

const PROGRAM = `
import { createElement as h } from 'react';
import { Box, Text, renderToString } from 'ink';
export { default as lineUpdate } from './node_modules/ink/build/line-update.js';
const colors = ['green', 'red', undefined, 'cyan'];
const wraps = ['truncate-end', 'wrap', 'truncate-middle'];
export function frames(frames, columns) {
  return frames.map((rows) =>
    renderToString(
      h(Box, { flexDirection: 'column', width: columns },
        h(Box, { borderStyle: 'single', borderTop: false, borderBottom: false, borderRight: false, flexDirection: 'column' },
          ...rows.map((r, i) => h(Text, { key: i, wrap: wraps[i % 3], color: colors[i % 4], bold: i % 3 === 0, inverse: i === 2 }, r, i % 2 ? h(Text, { dimColor: true }, ' ·', r) : null)))),
      { columns }));
}`;

async function ink(patched: boolean): Promise<Built> {
  const { module, source } = await bundleInkProgram<Omit<Built, 'source'>>(PROGRAM, patched ? [inkRowMeasures] : [], `ink-${patched ? 'measured' : 'original'}`);
  return { ...module, source };
}

const TEXTS = ['const a = 1;', '+ added line · with a − sign', '漢字かな wide text that is long enough to be cut at the edge of the pane', '👍🏽 👨‍👩‍👧 🇫🇷 #️⃣', '\u001b[31mred already\u001b[0m and plain', 'ｶﾀｶﾅ ﾞﾟ', '21:45:07 ▶ Reading src/server.ts', 'two\nlines', ''];

describe('Ink row measures', () => {
  it('renders every frame exactly as Ink does', { timeout: 60_000 }, async () => {
    const [original, measured] = await Promise.all([ink(false), ink(true)]);
    expect(measured.source).toMatch(/currentWidth = measure\w*\(text\)\.width/);
    expect(original.source).toContain('currentWidth = widestLine(text)');
    const frames: string[][] = [];
    for (let f = 0; f < 30; f++) frames.push(Array.from({ length: 10 }, (_, i) => `${TEXTS[(f + i) % TEXTS.length]}${i % 2 === 0 ? '' : ` ${f}`}`));
    frames.push(frames[0]!, frames[1]!);
    for (const columns of [20, 40, 100]) expect(measured.frames(frames, columns)).toEqual(original.frames(frames, columns));
  });

  it("updates a row as Ink does, or writes it whole when it is not printable ASCII", { timeout: 60_000 }, async () => {
    const [original, measured] = await Promise.all([ink(false), ink(true)]);
    const styled = (t: string, i: number) => (i % 2 ? `\u001b[2m${t}\u001b[22m` : t);
    let whole = 0;
    for (const columns of [30, 120]) {
      for (const [i, a] of TEXTS.entries()) {
        for (const [j, b] of TEXTS.entries()) {
          if (a.includes('\n') || b.includes('\n')) continue;
          const previous = styled(`${a} 12`, i);
          const next = styled(`${b === a ? a : b} ${j === i ? '13' : '12'}`, j);
          const mine = measured.lineUpdate(previous, next, columns);
          const theirs = original.lineUpdate(previous, next, columns);
          if (/^[ -~]*$/.test(`${a}${b}`)) expect(mine).toBe(theirs);
          else if (mine !== theirs) {
            expect(mine).toBe(original.lineUpdate('', next, columns));
            whole++;
          }
        }
      }
    }
    expect(whole).toBeGreaterThan(0);
  });
});
