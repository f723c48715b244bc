// Builds dist/ when it is missing or older than the sources (so `npm run demo` works right after `npm ci`).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'wtagents.js');

/** The newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  if (statSync(dir).isFile()) return statSync(dir).mtimeMs;
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .reduce((max, d) => Math.max(max, statSync(path.join(d.parentPath, d.name)).mtimeMs), 0);
}

const sources = ['src', 'components', 'package.json', 'scripts/build.mjs', 'scripts/bundle.mjs'].map((p) => newest(path.join(root, p)));
if (!existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(...sources)) {
  process.stderr.write(`Building ${path.relative(process.cwd(), bundle) || bundle} first…\n`);
  process.chdir(root);
  await import('./build.mjs');
}
