// How wtagents is bundled (esbuild options and how the files are written), shared by scripts/build.mjs, the
// first-frame bench (its Ink hello-world baseline is bundled the same way) and the bundle test.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `zod` is src/core/lean-zod.ts in every build: the same API for the schemas wtagents has, in two small files
 * (tests/unit/lean-zod.test.ts holds it to zod's results; zod is a development dependency only). zod itself
 * (its ~190 KB chunk evaluated, its schemas built) cost each TUI start ~25 ms and each running task ~8 MB of RSS.
 */
export const leanZod = {
  name: 'lean-zod',
  setup(b) {
    b.onResolve({ filter: /^zod(\/.*)?$/ }, (args) => {
      if (args.path !== 'zod') throw new Error(`${args.importer} imports ${args.path}: src/core/lean-zod.ts stands in for \`zod\` only`);
      return { path: new URL('../src/core/lean-zod.ts', import.meta.url).pathname };
    });
  },
};

/**
 * string-width (Ink measures every text with it) tests each grapheme of a non-ASCII string against
 * /^\p{RGI_Emoji}$/v, and the first test compiles that set of ~3,600 emoji sequences: ~6 ms of the TUI's first
 * frame, whose rows hold glyphs like ◇ ▶ ✓. A single code point without Emoji_Presentation is never RGI_Emoji
 * (tests/unit/string-width-fast-path.test.ts checks every code point), so such graphemes skip the test and
 * the set is compiled only when an emoji (or any longer cluster) is measured. Widths are unchanged.
 */
/**
 * Text whose every code point is a cluster of its own, as wide as its East Asian Width: BMP letters, digits,
 * punctuation, symbols and spaces, less what joins or hides (default-ignorable, emoji presentation and
 * pictographs, Hangul jamo, the Prepend letter U+0D4E, the spacing vowels U+0E33 U+0EB3). A TUI row with a
 * border │, a − or a · is such text: measured without the grapheme segmenter (Ink measures every row, on every
 * frame). tests/unit/string-width-fast-path.test.ts checks it against the original on every such code point.
 */
const TEXT_CODE_POINTS = String.raw`/^[[\p{L}\p{N}\p{P}\p{S}\p{Zs}]--[\p{Default_Ignorable_Code_Point}\p{Emoji_Presentation}\p{Extended_Pictographic}\u0D4E\u0E33\u0EB3\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u{10000}-\u{10FFFF}]]*$/v`;

export const stringWidthTextFastPath = {
  name: 'string-width-text-fast-path',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const declare = 'const rgiEmojiRegex = ';
      const test = 'if (rgiEmojiRegex.test(segment) ||';
      const ascii = 'let width = 0;\n\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n';
      if (source.split(declare).length !== 2 || source.split(test).length !== 2 || source.split(ascii).length !== 2) {
        throw new Error(`${args.path} changed: review stringWidthTextFastPath in scripts/bundle.mjs`);
      }
      const contents = source
        .replace(declare, `const singleTextCodePoint = /^\\P{Emoji_Presentation}$/u;\nconst textCodePoints = ${TEXT_CODE_POINTS};\n${declare}`)
        .replace(test, 'if ((!singleTextCodePoint.test(segment) && rgiEmojiRegex.test(segment)) ||')
        .replace(ascii, `${ascii}\tif (textCodePoints.test(string)) {\n\t\tfor (const character of string) width += eastAsianWidth(character.codePointAt(0), eastAsianWidthOptions);\n\t\treturn width;\n\t}\n`);
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Ink measures and tokenizes the text of every row on every frame, in caches it makes anew for each frame
 * (ink/build/output.js). Paging a review changes the diff rows; the header, the file list, the borders and the
 * footer are the same strings as in the frame before. The caches are kept across frames, two frames deep: each
 * frame (each new Output) starts a generation, a hit in the one before is carried into it, and what the last two
 * frames did not show is dropped. So a busy dashboard, whose trace rows are new text on every frame, holds two
 * frames of text and not thousands of rows of per-character objects (a 20,000-entry cache held ~30 MB). A value
 * depends only on its key, and Ink never changes what it took from them. `outputCacheSize()` (exported from the
 * patched module) counts the entries, for the test.
 */
export const inkOutputCachesAcrossFrames = () => ({
  name: 'ink-output-caches-across-frames',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]output\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const field = '    caches = new OutputCaches();';
      const cls = 'export default class Output {';
      const maps = ['    widths = new Map();', '    blockWidths = new Map();', '    styledChars = new Map();'];
      if (source.split(field).length !== 2 || source.split(cls).length !== 2 || maps.some((m) => source.split(m).length !== 2)) {
        throw new Error(`${args.path} changed: review inkOutputCachesAcrossFrames in scripts/bundle.mjs`);
      }
      const generations = [
        'class FrameMap {',
        '    current = new Map();',
        '    previous = new Map();',
        '    get(key) {',
        '        let value = this.current.get(key);',
        '        if (value === undefined && (value = this.previous.get(key)) !== undefined) this.current.set(key, value);',
        '        return value;',
        '    }',
        '    set(key, value) {',
        '        this.current.set(key, value);',
        '        return this;',
        '    }',
        '    nextFrame() {',
        '        this.previous = this.current;',
        '        this.current = new Map();',
        '    }',
        '    get size() {',
        '        return this.current.size + this.previous.size;',
        '    }',
        '}',
        'let keptCaches;',
        'const outputCaches = () => {',
        '    keptCaches ??= new OutputCaches();',
        '    keptCaches.widths.nextFrame();',
        '    keptCaches.blockWidths.nextFrame();',
        '    keptCaches.styledChars.nextFrame();',
        '    return keptCaches;',
        '};',
        'export const outputCacheSize = () => (keptCaches ? keptCaches.widths.size + keptCaches.blockWidths.size + keptCaches.styledChars.size : 0);',
        '',
      ].join('\n');
      let contents = source.replace(cls, `${generations}${cls}`).replace(field, '    caches = outputCaches();');
      for (const m of maps) contents = contents.replace(m, m.replace('new Map()', 'new FrameMap()'));
      return { contents, loader: 'js' };
    });
  },
});

/**
 * Two per-frame costs of Ink on a busy dashboard (a CPU profile of 50 tasks x 100 trace lines/s: each ~15 % of
 * the process's samples), for rows it has measured or drawn before:
 * - render-node-to-output.js measures every text node's widest line (string-width on the styled text) on every
 *   frame; Ink's own measure-text.js holds the same figure in its 4,096-entry cache (yoga's layout filled it
 *   this frame): taken from there.
 * - line-update.js, for each changed row, finds how much of it is already on screen; for a row that is not
 *   printable ASCII (a glyph, a border │, a wide character) it segments both rows into graphemes and measures
 *   the prefix, only to save a few bytes: such a row is written whole (what Ink writes for a row with no
 *   common prefix, a control character or a wide cell at the edge). Frames on screen are the same.
 * tests/unit/ink-row-measures.test.ts compares the frames and the screen with Ink's own.
 */
export const inkRowMeasures = {
  name: 'ink-row-measures',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/](render-node-to-output|line-update)\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const edits = args.path.endsWith('line-update.js')
        ? [['    else {\n        const previousSegments = ', '    else {\n        return full;\n        const previousSegments = ']]
        : [
            ["import widestLine from 'widest-line';\n", "import measureText from './measure-text.js';\n"],
            ['const currentWidth = widestLine(text);', 'const currentWidth = measureText(text).width;'],
          ];
      let contents = source;
      for (const [from, to] of edits) {
        if (contents.split(from).length !== 2) throw new Error(`${args.path} changed: review inkRowMeasures in scripts/bundle.mjs`);
        contents = contents.replace(from, to);
      }
      if (/\bwidestLine\(/.test(contents) && !args.path.endsWith('line-update.js')) throw new Error(`${args.path} changed: review inkRowMeasures in scripts/bundle.mjs`);
      return { contents, loader: 'js' };
    });
  },
};

const SHEBANG = '#!/usr/bin/env node\n';
/** Bundled CommonJS code calls `require` (node builtins): ESM has none, so the chunks that do get one. */
const REQUIRE = "import { createRequire as __wtCreateRequire } from 'node:module';\nconst require = __wtCreateRequire(import.meta.url);\n";

/** esbuild options for fast-starting ESM split into chunks (what is imported lazily loads lazily). */
export const bundleOptions = {
  plugins: [leanZod, stringWidthTextFastPath, inkOutputCachesAcrossFrames(), inkRowMeasures],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  // React DevTools is an optional peer of Ink that production never loads.
  external: ['react-devtools-core'],
  logLevel: 'warning',
  write: false,
};

/**
 * Write a build made with `bundleOptions`: the entry files (`entries`, paths relative to outdir) start with the
 * shebang, and only a file that mentions `require` defines it (each definition costs every start-up a little).
 */
export function writeBundle(result, outdir, entries = []) {
  for (const file of result.outputFiles) {
    const rel = path.relative(outdir, file.path);
    const code = file.text;
    const head = (entries.includes(rel) ? SHEBANG : '') + (/\brequire\b/.test(code) ? REQUIRE : '');
    mkdirSync(path.dirname(file.path), { recursive: true });
    writeFileSync(file.path, head + code);
    if (entries.includes(rel)) chmodSync(file.path, 0o755);
  }
}

/**
 * src/bin.ts's two screens that open without the command line (`wtagents` alone, `review ID` on a terminal) and
 * the review fast paths (`review ID --stat|--patch`) load the screen build (`screenOptions`), not this one: its
 * imports of these files stay imports of that build's entries. Every other import of bin.ts is bundled here.
 */
const SCREEN_ENTRIES = { './screen.js': './chunks/ui-screen.js', './commands/review-diff.js': './chunks/ui-review-diff.js' };
const screenBuildFromBin = {
  name: 'screen-build-from-bin',
  setup(b) {
    b.onResolve({ filter: /^\.\// }, (args) =>
      args.importer.endsWith(`${path.sep}src${path.sep}bin.ts`) && SCREEN_ENTRIES[args.path] ? { path: SCREEN_ENTRIES[args.path], external: true } : undefined,
    );
  },
};

/**
 * What of src/app/load.ts (the commands' table of lazy engine imports) the screens' build uses: the review
 * screen's opening and `review ID --stat|--patch`. Each of the table's ~50 lazy imports is a split point, and
 * esbuild groups modules by the split points that reach them: in a build that holds the table whole, the screens'
 * own modules come in ~65 small files. tests/integration/startup-bundle.test.ts checks that every `load.X(` in
 * that build is listed here.
 */
export const SCREEN_LOADS = ['coreErrors', 'reviewOpen', 'reviewPaths', 'reviewRange', 'storeTasks'];
const screenLoadsOnly = {
  name: 'screen-loads-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]app[\\/]load\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const entry = /^ {2}(\w+): \(\) => import\('[^']+'\),$/;
      const lines = source.split('\n');
      const named = lines.map((l) => entry.exec(l)?.[1]).filter(Boolean);
      if (SCREEN_LOADS.some((n) => !named.includes(n))) throw new Error(`${args.path} changed: review screenLoadsOnly in scripts/bundle.mjs`);
      const contents = lines.filter((l) => !entry.test(l) || SCREEN_LOADS.includes(entry.exec(l)[1])).join('\n');
      return { contents, loader: 'ts' };
    });
  },
};

/** The options that build dist/wtagents.js from src/bin.ts (the CLI; the TUI and each command's engine split off into chunks). */
export function wtagentsOptions() {
  const root = new URL('..', import.meta.url).pathname;
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return {
    ...bundleOptions,
    plugins: [screenBuildFromBin, ...bundleOptions.plugins],
    absWorkingDir: root,
    // src/bin.ts checks the Node version, enables the compile cache, then imports src/cli.ts (which lazily imports the rest).
    entryPoints: { wtagents: 'src/bin.ts' },
    outdir: path.join(root, 'dist'),
    define: { ...bundleOptions.define, WTAGENTS_VERSION: JSON.stringify(pkg.version) },
  };
}

/**
 * The options that build the screens' own build, dist/chunks/ui-screen.js and ui-review-diff.js (src/screen.ts,
 * src/commands/review-diff.ts; chunks/ui-*): what `wtagents` alone, `review ID` and `review ID --stat|--patch`
 * load, from src/bin.ts. In the command line's build their modules are split into ~70 small chunks shared with
 * every command (esbuild groups modules by the entries that reach them, and the command line has ~50 lazy
 * entries), and Node's module loader costs ~0.4 ms a file: here they come in few. A process loads one build or the other, never both (no module is
 * there twice in one process). Built after the command line's build, into its dist/chunks.
 */
export function screenOptions() {
  const o = wtagentsOptions();
  return {
    ...o,
    plugins: [screenLoadsOnly, ...bundleOptions.plugins],
    entryPoints: { 'ui-screen': 'src/screen.ts', 'ui-review-diff': 'src/commands/review-diff.ts' },
    outdir: path.join(o.outdir, 'chunks'),
    chunkNames: 'ui-[name]-[hash]',
  };
}

/**
 * The options that build dist/supervisor.js, the detached supervisor's own small entry
 * (src/runner/supervisor-main.ts: no command line, no TUI), in a build of its own: chunks shared with the CLI
 * would put code of other commands (esbuild groups modules by the entries that reach them) into what every
 * running task loads. Its chunks are named chunks/sv-*.
 */
export function supervisorOptions() {
  const o = wtagentsOptions();
  return { ...o, entryPoints: { supervisor: 'src/runner/supervisor-main.ts' }, chunkNames: 'chunks/sv-[name]-[hash]' };
}

/** Every build that makes dist/, with its entry files: [options, entries]. */
export function distBuilds() {
  return [
    [wtagentsOptions(), ['wtagents.js']],
    [screenOptions(), []],
    [supervisorOptions(), ['supervisor.js']],
  ];
}
