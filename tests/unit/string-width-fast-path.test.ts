// The build's string-width fast paths (scripts/bundle.mjs): the emoji test it skips can never match, text made
// of single-code-point clusters is summed without the segmenter, and the patched module measures every string
// as the original does.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringWidthTextFastPath } from '../../scripts/bundle.mjs';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';

type StringWidth = (text: string, options?: { ambiguousIsNarrow?: boolean }) => number;

/** string-width bundled on its own, with or without the fast path. */
async function stringWidthModule(patched: boolean): Promise<{ width: StringWidth; source: string }> {
  const out = await build({
    stdin: { contents: "export { default } from 'string-width';", resolveDir: ROOT, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
    plugins: patched ? [stringWidthTextFastPath] : [],
  });
  const source = out.outputFiles[0]!.text;
  const file = path.join(tempDir(), `string-width-${patched ? 'fast' : 'original'}.mjs`);
  writeFileSync(file, source);
  const mod = (await import(pathToFileURL(file).href)) as { default: StringWidth };
  return { width: mod.default, source };
}

const text = /^\P{Emoji_Presentation}$/u;

describe('string-width fast path', () => {
  it('skips the RGI_Emoji test only where it cannot match: no single code point without Emoji_Presentation is RGI_Emoji', () => {
    const rgi = new RegExp('^\\p{RGI_Emoji}$', 'v'); // (the v flag is newer than the TypeScript target)
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const s = cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
      if (text.test(s) && rgi.test(s)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
    // It does skip the glyphs the dashboard draws (the reason it exists) and never an emoji.
    for (const g of ['◇', '▶', '▷', '✓', '✗', '│', '…', '⎇']) expect(text.test(g), g).toBe(true);
    for (const e of ['😀', '✅', '👍']) expect(text.test(e), e).toBe(false);
  });

  it('measures every code point and a range of clusters exactly as the original string-width', { timeout: 180_000 }, async () => {
    const [original, fast] = await Promise.all([stringWidthModule(false), stringWidthModule(true)]);
    expect(fast.source).toContain('singleTextCodePoint');
    expect(original.source).not.toContain('singleTextCodePoint');
    const samples = [
      '◇ fix-login  Fix the login redirect loop  3m',
      '▶ running · ✓ 2 done · ✗ 1 failed',
      '⎇ wtagents/fix ← main',
      'a\u0301e\u0301', // combining marks
      '👍🏽 👨‍👩‍👧 🇫🇷 #️⃣ 1⃣ ©️ © ❤ ❤️ ☺ ☺️', // modifier, ZWJ, flag, keycaps, text and emoji presentation
      '漢字かなカナ ｶﾀｶﾅ ﾞﾟ ｰ', // wide and halfwidth forms
      '\u1100\u1161\u11a8 \u1100\u1100\u1161', // hangul jamo
      '\u001b[31mred\u001b[0m \u200b\u200d\ufe0f',
    ];
    for (const s of samples) {
      expect(fast.width(s), s).toBe(original.width(s));
      expect(fast.width(s, { ambiguousIsNarrow: false }), s).toBe(original.width(s, { ambiguousIsNarrow: false }));
    }
    const differ: string[] = [];
    for (let cp = 0; cp <= 0x2ffff; cp++) {
      const s = cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
      if (fast.width(`x${s}y`) !== original.width(`x${s}y`)) differ.push(cp.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('sums text of single-code-point clusters (│ − · … and the like) as the segmenter would measure it', { timeout: 180_000 }, async () => {
    const [original, fast] = await Promise.all([stringWidthModule(false), stringWidthModule(true)]);
    expect(fast.source).toContain('textCodePoints');
    const simple = new RegExp(String.raw`^[[\p{L}\p{N}\p{P}\p{S}\p{Zs}]--[\p{Default_Ignorable_Code_Point}\p{Emoji_Presentation}\p{Extended_Pictographic}\u0D4E\u0E33\u0EB3\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u{10000}-\u{10FFFF}]]$`, 'v');
    const set: string[] = [];
    for (let cp = 0x80; cp <= 0xffff; cp++) if (!(cp >= 0xd800 && cp <= 0xdfff) && simple.test(String.fromCharCode(cp))) set.push(String.fromCharCode(cp));
    expect(set.length).toBeGreaterThan(40_000);
    for (const g of ['│', '−', '·', '…', '›', '▍', '─', '✓', '◇']) expect(set, g).toContain(g);
    // Every code point of the set next to itself, after a wide one and before a halfwidth sound mark (the
    // one character of the set that extends a cluster, which the original counts as its own column too).
    const differ: string[] = [];
    for (const c of set) {
      for (const s of [`${c}${c}`, `漢${c}a`, `${c}ﾞ`, `│ ${c} −`]) {
        if (fast.width(s) !== original.width(s) || fast.width(s, { ambiguousIsNarrow: false }) !== original.width(s, { ambiguousIsNarrow: false })) differ.push(`${c.codePointAt(0)!.toString(16)}:${s}`);
      }
    }
    expect(differ).toEqual([]);
    // And rows mixed at random from the set and ASCII, as the screens draw them.
    let seed = 13;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 3000; i++) {
      const row = Array.from({ length: 1 + Math.floor(next() * 40) }, () => (next() < 0.5 ? String.fromCharCode(0x20 + Math.floor(next() * 95)) : set[Math.floor(next() * set.length)]!)).join('');
      expect(fast.width(row), row).toBe(original.width(row));
    }
  });
});
