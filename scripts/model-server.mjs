#!/usr/bin/env node
// Runs the scripted model server (tests/agents/model-server) outside vitest, for driving a real agent CLI by hand:
//   node scripts/model-server.mjs [--script script.json] [--log requests.jsonl] [--bodies DIR]
// Prints its URL (http://127.0.0.1:PORT) and serves until SIGINT/SIGTERM.
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = await build({
  entryPoints: [path.join(root, 'tests/agents/model-server/serve.ts')],
  bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'error',
});
const file = path.join(mkdtempSync(path.join(tmpdir(), 'wtagents-model-server-')), 'serve.mjs');
writeFileSync(file, out.outputFiles[0].text);
const { serve } = await import(pathToFileURL(file).href);
await serve(process.argv.slice(2));
