// The build's Ink patch (scripts/bundle.mjs inkOutputCachesAcrossFrames): Ink's per-frame text caches kept
// across frames. Frames rendered by Ink bundled with and without it are identical, through repeated, changed,
// coloured, wide, truncated and bordered rows, and with caches that start afresh on the way.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inkOutputCachesAcrossFrames } from '../../scripts/bundle.mjs';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';

type Frames = (frames: string[][], columns: number) => string[];

const PROGRAM = `
import { createElement as h } from 'react';
import { Box, Text, renderToString } from 'ink';
const colors = ['green', 'red', undefined, 'cyan'];
export default function frames(frames, columns) {
  return frames.map((rows) =>
    renderToString(
      h(Box, { flexDirection: 'column', width: columns },
        h(Box, { borderStyle: 'single', borderTop: false, borderBottom: false, borderRight: false, flexDirection: 'column' },
          ...rows.map((r, i) => h(Text, { key: i, wrap: 'truncate-end', color: colors[i % 4], bold: i % 3 === 0, inverse: i === 2 }, r)))),
      { columns }));
}`;

/** React DevTools (an optional peer of Ink, never loaded here) as an empty module. */
const noDevtools = {
  name: 'no-devtools',
  setup(b: { onResolve: Function; onLoad: Function }) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools', namespace: 'none' }));
    b.onLoad({ filter: /.*/, namespace: 'none' }, () => ({ contents: 'export default {};', loader: 'js' }));
  },
};

async function inkFrames(patched: false | { limit?: number }): Promise<{ frames: Frames; source: string }> {
  const out = await build({
    stdin: { contents: PROGRAM, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [noDevtools, ...(patched ? [inkOutputCachesAcrossFrames(patched)] : [])],
  });
  const source = out.outputFiles[0]!.text;
  const file = path.join(tempDir(), `ink-${patched ? `kept-${patched.limit ?? 'default'}` : 'original'}.mjs`);
  writeFileSync(file, source);
  return { frames: ((await import(pathToFileURL(file).href)) as { default: Frames }).default, source };
}

describe('Ink output caches kept across frames', () => {
  it('renders every frame exactly as Ink does', { timeout: 60_000 }, async () => {
    // (a limit of 50 entries starts the caches afresh every frame or two)
    const [original, kept, small] = await Promise.all([inkFrames(false), inkFrames({}), inkFrames({ limit: 50 })]);
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
      expect(small.frames(frames, columns)).toEqual(expected);
    }
  });
});
