// The build's Ink patch (scripts/bundle.mjs inkOutputCachesAcrossFrames): Ink's per-frame text caches kept
// across frames, two frames deep. Frames rendered by Ink bundled with and without it are identical, through
// repeated, changed, coloured, wide, truncated and bordered rows; and a stream of frames of new text (a busy
// dashboard) leaves the caches holding about two frames' worth, not everything ever shown.
import { describe, expect, it } from 'vitest';
import { inkOutputCachesAcrossFrames } from '../../scripts/bundle.mjs';
import { bundleInkProgram } from '../helpers/ink-bundle.js';

type Frames = (frames: string[][], columns: number) => string[];
interface Built {
  frames: Frames;
  cacheSize: () => number | null;
  source: string;
}

const PROGRAM = `
import { createElement as h } from 'react';
import { Box, Text, renderToString } from 'ink';
import * as output from './node_modules/ink/build/output.js';
export const cacheSize = () => (output.outputCacheSize ? output.outputCacheSize() : null);
const colors = ['green', 'red', undefined, 'cyan'];
export default function frames(frames, columns) {
  return frames.map((rows) =>
    renderToString(
      h(Box, { flexDirection: 'column', width: columns },
        h(Box, { borderStyle: 'single', borderTop: false, borderBottom: false, borderRight: false, flexDirection: 'column' },
          ...rows.map((r, i) => h(Text, { key: i, wrap: 'truncate-end', color: colors[i % 4], bold: i % 3 === 0, inverse: i === 2 }, r)))),
      { columns }));
}`;

async function inkFrames(patched: boolean): Promise<Built> {
  const { module: m, source } = await bundleInkProgram<{ default: Frames; cacheSize: () => number | null }>(PROGRAM, patched ? [inkOutputCachesAcrossFrames()] : [], `ink-${patched ? 'kept' : 'original'}`);
  return { frames: m.default, cacheSize: m.cacheSize, source };
}

describe('Ink output caches kept across frames', () => {
  it('renders every frame exactly as Ink does', { timeout: 60_000 }, async () => {
    const [original, kept] = await Promise.all([inkFrames(false), inkFrames(true)]);
    expect(kept.source).toContain('keptCaches');
    expect(original.source).not.toContain('keptCaches');
    const rows = ['const a = 1;', '+ added line · with a − sign', '漢字かな wide text that is long enough to be cut at the edge of the pane', '👍🏽 👨‍👩‍👧 🇫🇷 #️⃣', '\u001b[31mred already\u001b[0m and plain', 'ｶﾀｶﾅ ﾞﾟ', ''];
    const frames: string[][] = [];
    for (let f = 0; f < 40; f++) frames.push(Array.from({ length: 8 }, (_, i) => `${rows[(f + i) % rows.length]}${i % 2 === 0 ? '' : ` ${f}`}`));
    for (let f = 0; f < 30; f++) frames.push(Array.from({ length: 30 }, (_, i) => `row ${f}-${i} ${'x'.repeat((f * 7 + i) % 50)} │ ${rows[i % rows.length]}`));
    frames.push(frames[0]!, frames[1]!);
    for (const columns of [40, 100]) {
      const expected = original.frames(frames, columns);
      expect(kept.frames(frames, columns)).toEqual(expected);
    }
  });

  it('holds the text of the last two frames, not of every frame shown', { timeout: 60_000 }, async () => {
    const kept = await inkFrames(true);
    expect((await inkFrames(false)).cacheSize()).toBeNull(); // the original has no kept caches
    // 500 frames of 30 rows of new text each (a dashboard's trace pane under load): ~15,000 distinct rows.
    for (let f = 0; f < 500; f++) kept.frames([Array.from({ length: 30 }, (_, i) => `${f}:${i} agent wrote line ${f * 30 + i}`)], 100);
    const afterMany = kept.cacheSize()!;
    expect(afterMany).toBeGreaterThan(30); // the last frame's rows are held (the cache is in use)...
    expect(afterMany).toBeLessThan(600); // ...but not 15,000 rows: two frames of rows, widths and characters
    // and the rows of the frame before are reused, not measured again
    kept.frames([Array.from({ length: 30 }, (_, i) => `499:${i} agent wrote line ${499 * 30 + i}`)], 100);
    expect(kept.cacheSize()!).toBeLessThanOrEqual(afterMany);
  });
});
