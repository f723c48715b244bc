// The published package: `npm pack` ships a fresh build and nothing else, the tarball installs into an empty
// prefix offline (it needs nothing from the registry), and the installed `wtagents` runs. One pack and one
// install are shared by the whole file.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, lstatSync, readdirSync, readFileSync, realpathSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { npmInstallOffline, npmPack, stageCheckout, type PackResult } from '../helpers/pack.js';
import { hermeticGitEnv, makeRepo, tempDir } from '../helpers/repo.js';
import { trackTask, waitSettled } from '../helpers/run.js';
import type { TaskRecord } from '../../src/core/task.js';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

const OLD_NODE = olderNodeOnPath();
let packed: PackResult;
let prefix: string;
let installDir: string;
let bin: string;

beforeAll(() => {
  const stage = stageCheckout(ROOT, path.join(tempDir('wt-pack-'), 'wtagents'));
  // A stale build left in dist/: prepack must replace it, never ship it.
  mkdirSync(path.join(stage, 'dist'));
  writeFileSync(path.join(stage, 'dist', 'stale-build.js'), 'throw new Error("stale");\n');
  packed = npmPack(stage, tempDir('wt-tgz-'));
  prefix = tempDir('wt-prefix-');
  npmInstallOffline(packed.tarball, prefix, tempDir('wt-npm-cache-'));
  installDir = path.join(prefix, 'lib', 'node_modules', 'wtagents');
  bin = path.join(prefix, 'bin', 'wtagents');
}, 180_000);

/** The installed CLI run by this Node (Node 24): plain `node` on PATH may be older. */
function installed(args: string[], cwd = tempDir(), env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...hermeticGitEnv, NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('npm pack', () => {
  it('ships a fresh build, the README and package.json, and nothing else', () => {
    const files = packed.files.map((f) => f.path).sort();
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    expect(files).toContain(pkg.bin.wtagents);
    expect(files).not.toContain('dist/stale-build.js');
    expect(files.filter((f) => !/^dist\/.+\.js$/.test(f))).toEqual(['README.md', 'package.json']);
  });

  it('declares no dependencies: the bundle holds them all', () => {
    const shipped = JSON.parse(readFileSync(path.join(installDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(shipped.dependencies).toBeUndefined();
    expect(shipped.peerDependencies).toBeUndefined();
    expect(shipped.optionalDependencies).toBeUndefined();
    expect(shipped.bin).toEqual({ wtagents: 'dist/wtagents.js' });
    expect(shipped.engines).toEqual({ node: '>=22' });
  });
});

describe('npm install -g of the tarball into an empty prefix (offline, empty cache)', () => {
  it('installs the package alone, with wtagents on the prefix bin', () => {
    expect(existsSync(path.join(installDir, 'node_modules'))).toBe(false);
    expect(readdirSync(path.join(prefix, 'lib', 'node_modules'))).toEqual(['wtagents']);
    expect(lstatSync(bin).isSymbolicLink()).toBe(true);
    expect(realpathSync(bin)).toBe(realpathSync(path.join(installDir, 'dist', 'wtagents.js')));
    accessSync(bin, constants.X_OK);
  });

  it('the bin starts with the #!/usr/bin/env node shebang', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('wtagents --version prints the package version', () => {
    expect(installed(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('wtagents --help shows the usage', () => {
    const r = installed(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: wtagents \[options\] \[command\]$/m);
    expect(r.stdout).toMatch(/^ {2}list /m);
  });

  it('wtagents new and list work on a real repository', () => {
    const repo = makeRepo();
    expect(installed(['list', '--repo', repo])).toEqual({ code: 0, stdout: 'No tasks yet. Make one: wtagents new "what to do"\n', stderr: '' });
    const made = installed(['new', 'Try the installed CLI', '--mode', 'dry-run'], repo);
    expect(made.code, made.stderr).toBe(0);
    const listed = installed(['list', '--repo', repo, '--json']);
    expect((JSON.parse(listed.stdout) as Array<{ id: string; state: string }>).map((t) => [t.id, t.state])).toEqual([['try-the-installed-cli', 'draft']]);
  });

  it('runs through its shebang when a new enough node is first on PATH', () => {
    const r = spawnSync(bin, ['--version'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` },
    });
    expect(r.stdout).toBe(`${pkg.version}\n`);
    expect(r.status).toBe(0);
  });

  it('every chunk of the bundle loads with no node_modules around it', () => {
    const chunks = readdirSync(path.join(installDir, 'dist', 'chunks')).map((f) => path.join(installDir, 'dist', 'chunks', f));
    expect(chunks.length).toBeGreaterThan(0);
    // react-devtools-core is Ink's optional dev-only peer: its chunk may fail to load, nothing else may.
    const script = `for (const f of JSON.parse(process.env.CHUNKS)) {
      try { await import(f); } catch (e) { if (!String(e).includes('react-devtools-core')) { console.error(f + ': ' + e); process.exitCode = 1; } }
    }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tempDir(),
      encoding: 'utf8',
      env: { ...process.env, CHUNKS: JSON.stringify(chunks) },
      input: '',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!OLD_NODE)(`refuses, in one line, an older node found on PATH (${OLD_NODE})`, () => {
    const r = spawnSync(OLD_NODE!, [bin, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wtagents: needs Node\.js 22 or newer; this is v\d+\.\d+\.\d+ \(.+\)\n$/);
  });

  it('wtagents demo --no-open prepares the sandbox from the installed package, whose example agent then does the work', async () => {
    const sandbox = path.join(tempDir(), 'sandbox');
    const r = installed(['demo', '--no-open', '--dir', sandbox], tempDir(), { WTAGENTS_DEMO_SPEED: '0.02' });
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(readFileSync(path.join(sandbox, '.wtagents', 'config.json'), 'utf8')) as { agents: { example: { command: string[] } } };
    expect(config.agents.example.command.slice(1)).toEqual([realpathSync(path.join(installDir, 'dist', 'wtagents.js')), '__example-agent']);
    const tasks = JSON.parse(installed(['list', '--repo', sandbox, '--json']).stdout) as TaskRecord[];
    tasks.forEach((t) => trackTask(t.taskDir));
    expect(tasks).toHaveLength(2);
    const states = await Promise.all(tasks.map(async (t) => [t.title, (await waitSettled(t.taskDir, ['done', 'failed'], 120_000)).state]));
    expect(states.sort()).toEqual([['Add a multiply function with a test', 'done'], ['Make divide refuse division by zero', 'failed']]);
  });
});

/** A `node` on PATH (outside this project's node_modules) older than 22, if there is one. */
function olderNodeOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || dir.includes('node_modules')) continue;
    const candidate = path.join(dir, 'node');
    if (!existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
    if (Number(version.split('.')[0]) < 22) return candidate;
  }
  return undefined;
}
