// Adapter throughput and 5 MB-line cost, as JSON figures with ratios against plain JSON.parse in the same run.
// Run: npx node bench/adapters.mjs   (bundles src/runner/adapters with esbuild into a temp file first)
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const out = mkdtempSync(path.join(os.tmpdir(), 'wt-bench-'));
await build({
  entryPoints: [path.join(root, 'src/runner/adapters/index.ts')],
  outfile: path.join(out, 'adapters.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
});
const { createAdapter } = await import(pathToFileURL(path.join(out, 'adapters.mjs')).href);
rmSync(out, { recursive: true, force: true });

const fixtures = {
  claude: 'claude.jsonl', codex: 'codex.jsonl', gemini: 'gemini.jsonl', opencode: 'opencode.jsonl',
  cursor: 'cursor.jsonl', copilot: 'copilot.jsonl', aider: 'aider.txt', text: 'aider.txt',
};
const TARGET_LINES = 50_000;

function time(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const results = {};
for (const [format, file] of Object.entries(fixtures)) {
  const lines = readFileSync(path.join(root, 'tests/fixtures/streams', file), 'utf8').trim().split('\n');
  const stream = Array.from({ length: Math.ceil(TARGET_LINES / lines.length) }, () => lines).flat();
  // Warm up, then measure the adapter and a baseline that only parses each line.
  for (let i = 0; i < 2; i++) stream.slice(0, 2000).forEach((l) => createAdapter(format).line(l, 'stdout'));
  const adapter = createAdapter(format);
  let events = 0;
  const adapterMs = time(() => {
    for (const l of stream) events += adapter.line(l, 'stdout').length;
  });
  const parseMs = time(() => {
    for (const l of stream) {
      try {
        JSON.parse(l);
      } catch {
        // text lines
      }
    }
  });
  const bigText = 'x'.repeat(5 * 1024 * 1024);
  const bigJson = JSON.stringify({ type: 'assistant', message: { content: [{ type: 'text', text: bigText }] }, item: { type: 'agent_message', text: bigText }, part: { text: bigText } });
  const big = createAdapter(format);
  const bigMs = time(() => big.line(bigJson, 'stdout'));
  const bigPlainMs = time(() => big.line(bigText, 'stdout'));
  const bigParseMs = time(() => JSON.parse(bigJson));
  results[format] = {
    lines: stream.length,
    events,
    linesPerSecond: Math.round(stream.length / (adapterMs / 1000)),
    ratioToJsonParse: +(adapterMs / Math.max(parseMs, 0.001)).toFixed(2),
    fiveMbJsonLineMs: +bigMs.toFixed(1),
    fiveMbPlainLineMs: +bigPlainMs.toFixed(1),
    fiveMbRatioToJsonParse: +(bigMs / Math.max(bigParseMs, 0.001)).toFixed(2),
  };
}
process.stdout.write(`${JSON.stringify({ bench: 'adapters', node: process.version, results }, null, 2)}\n`);
