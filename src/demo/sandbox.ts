// The demo's throwaway sandbox: a tiny real project (with a test) in a fresh git repository.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { initRepo } from '../git/repo.js';
import { commitAll } from '../git/snapshot.js';

export const SANDBOX_FILES: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'tinycalc', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } }, null, 2)}\n`,
  'README.md': '# tinycalc\n\nA tiny calculator library: the wtagents demo project.\n\n```sh\nnode --test\n```\n',
  'src/calc.js': [
    '// tinycalc: arithmetic helpers.',
    'export function add(a, b) {',
    '  return a + b;',
    '}',
    '',
    'export function subtract(a, b) {',
    '  return a - b;',
    '}',
    '',
    'export function divide(a, b) {',
    '  return a / b;',
    '}',
    '',
  ].join('\n'),
  'test/calc.test.js': [
    "import test from 'node:test';",
    "import assert from 'node:assert/strict';",
    "import { add, subtract, divide } from '../src/calc.js';",
    '',
    "test('add', () => assert.equal(add(2, 3), 5));",
    "test('subtract', () => assert.equal(subtract(5, 3), 2));",
    "test('divide', () => assert.equal(divide(6, 3), 2));",
    "test('divide by zero is Infinity', () => assert.equal(divide(1, 0), Infinity));",
    '',
  ].join('\n'),
};

/** Make the sandbox repository in `dir` (new or empty) or in a fresh temp directory; returns its path. */
export async function makeSandbox(dir?: string): Promise<string> {
  let root: string;
  if (dir === undefined) {
    root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'wtagents-demo-')));
  } else {
    root = path.resolve(dir);
    if (existsSync(root) && !statSync(root).isDirectory()) throw new UserError(`--dir ${root} is not a directory: the demo needs a new or empty directory`);
    if (existsSync(root) && readdirSync(root).length > 0) throw new UserError(`--dir ${root} is not empty: the demo needs a new or empty directory`);
    mkdirSync(root, { recursive: true });
    root = realpathSync(root);
  }
  await initRepo(root, { name: 'wtagents demo', email: 'demo@wtagents.invalid' });
  for (const [name, content] of Object.entries(SANDBOX_FILES)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  await commitAll(root, 'tinycalc: add, subtract, divide');
  return root;
}
