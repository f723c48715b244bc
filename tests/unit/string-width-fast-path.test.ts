// The build's string-width fast path (scripts/bundle.mjs): the emoji test it skips can never match, and the
// patched module measures every string as the original does.
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

  it('measures every code point and a range of clusters exactly as the original string-width', { timeout: 60_000 }, async () => {
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
});
