// Fake `gh` / `glab` for tests: a script on PATH that records its argv (one JSON array a line) and answers
// like the real CLI — `auth status`, `pr create` / `mr create` (prints a URL), `pr view` / `mr view` (JSON).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { git, tempDir } from './repo.js';

export interface FakeForge {
  bin: string;
  log: string;
  /** PATH with the fake first. */
  path: string;
  calls(): string[][];
}

export interface FakeForgeOptions {
  cli?: 'gh' | 'glab';
  url?: string;
  /** `auth status` fails (not logged in). */
  loggedOut?: boolean;
  /** What `pr view` prints. */
  view?: string;
}

export function fakeForge(opts: FakeForgeOptions = {}): FakeForge {
  const cli = opts.cli ?? 'gh';
  const bin = path.join(tempDir('fake-forge-'), 'bin');
  mkdirSync(bin);
  const log = path.join(bin, '..', 'calls.jsonl');
  const url = opts.url ?? (cli === 'gh' ? 'https://github.com/acme/shop/pull/7' : 'https://gitlab.example.com/acme/shop/-/merge_requests/3');
  const view = opts.view ?? (cli === 'gh' ? '{"state":"OPEN","isDraft":false}' : '{"state":"opened","draft":false}');
  const script = `#!/usr/bin/env node
const fs = require('node:fs');
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');
const a = process.argv.slice(2);
if (a[0] === 'auth') process.exit(${opts.loggedOut ? 1 : 0});
if (a[1] === 'create') { console.log('Creating pull request...'); console.log(${JSON.stringify(url)}); process.exit(0); }
if (a[1] === 'view') { console.log(${JSON.stringify(view)}); process.exit(0); }
process.exit(2);
`;
  writeFileSync(path.join(bin, cli), script);
  chmodSync(path.join(bin, cli), 0o755);
  return {
    bin,
    log,
    path: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]) : []),
  };
}

/** A bare repository as `remote` of `repo` (named so the URL says which forge), with main pushed. */
export function bareRemote(repo: string, name = 'origin', dirName = 'github.example/shop.git'): string {
  const bare = path.join(tempDir('remote-'), dirName);
  mkdirSync(bare, { recursive: true });
  git(bare, ['init', '-q', '--bare', '-b', 'main']);
  git(repo, ['remote', 'add', name, bare]);
  git(repo, ['push', '-q', name, 'main']);
  return bare;
}
