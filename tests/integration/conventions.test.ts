// Command-line conventions, checked on the built CLI: --help on every visible subcommand, --version,
// exit codes (0 ok, 1 failure, 2 usage), one-line errors (WTAGENTS_DEBUG=1 adds the stack), NO_COLOR.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { CLI, ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';
import { which } from '../../src/runner/which.js';
import { shellJoin } from '../../src/core/shell-quote.js';

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const STACK_LINE = /^\s+at .+/m;

/** Every visible command below `cmd` as its words, e.g. ['list'], walking commander's tree (hidden ones excluded). */
function visibleCommandPaths(cmd: Command, prefix: string[] = []): string[][] {
  const help = cmd.createHelp();
  return help.visibleCommands(cmd).flatMap((sub) => [[...prefix, sub.name()], ...visibleCommandPaths(sub, [...prefix, sub.name()])]);
}

function expectOneLineError(r: CliResult, code: number, message: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^wtagents: /);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(STACK_LINE);
}

const paths = visibleCommandPaths(buildProgram());

describe('help', () => {
  it('the walk finds the registered commands and leaves the hidden ones out', () => {
    const names = paths.map((p) => p.join(' '));
    expect(names).toEqual(expect.arrayContaining(['new', 'list', 'agents', 'help']));
    expect(names.filter((n) => n.startsWith('__'))).toEqual([]);
    expect(buildProgram().commands.some((c) => c.name() === '__example-agent')).toBe(true);
  });

  it('the built CLI lists exactly the commands the walk found', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    const listed = r.stdout
      .split(/^Commands:\n/m)[1]!
      .split('\n')
      .filter((l) => /^ {2}\S/.test(l))
      .map((l) => l.trim().split(/\s/)[0]);
    expect(listed).toEqual(paths.filter((p) => p.length === 1).map((p) => p[0]));
  });

  it.each(paths.map((p) => [p.join(' '), p] as const))('wtagents %s --help: usage on stdout, exit 0', (_name, words) => {
    const r = runCli([...words, '--help']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: wtagents ${words.join(' ')}( |$)`));
    expect(r.stdout).toMatch(/^Options:$/m);
    expect(runCli(['help', ...words]).stdout).toBe(r.stdout);
  });

  it('wtagents --help, -h and help: the program usage on stdout, exit 0', () => {
    const outputs = [['--help'], ['-h'], ['help']].map((args) => runCli(args));
    for (const r of outputs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('Usage: wtagents [options] [command]');
    }
    expect(outputs[1]!.stdout).toBe(outputs[0]!.stdout);
    expect(outputs[2]!.stdout).toBe(outputs[0]!.stdout);
  });
});

describe('--version', () => {
  it('prints the package version and exits 0', () => {
    for (const flag of ['--version', '-V']) {
      const r = runCli([flag]);
      expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    }
  });
});

describe('usage errors: one line on stderr, exit 2', () => {
  it('an unknown subcommand, also through help', () => {
    expectOneLineError(runCli(['zzqxj']), 2, /unknown command 'zzqxj' \(see: wtagents --help\)$/m);
    expectOneLineError(runCli(['lst']), 2, /unknown command 'lst' \(Did you mean list\?\)/);
    expectOneLineError(runCli(['help', 'zzqxj']), 2, /unknown command 'zzqxj'/);
  });

  it.each([[[] as string[]], ...paths.map((p) => [p])])('an unknown flag: wtagents %j --no-such-flag', (words) => {
    const where = ['wtagents', ...words].join(' ');
    expectOneLineError(runCli([...words, '--no-such-flag']), 2, new RegExp(`unknown option '--no-such-flag' \\(see: ${where} --help\\)`));
  });

  it('too many arguments, a missing option value, a bad choice', () => {
    expectOneLineError(runCli(['list', 'extra']), 2, /too many arguments for 'list'/);
    expectOneLineError(runCli(['list', '--repo']), 2, /option '--repo <dir>' argument missing/);
    expectOneLineError(runCli(['new', 'x', '--mode', 'maybe']), 2, /argument 'maybe' is invalid/);
  });

  it('a usage error found by the command itself', () => {
    expectOneLineError(runCli(['new', 'a', '--task', 'b'], { cwd: tempDir() }), 2, /give the task one way only/);
  });
});

describe('failures: one line on stderr, exit 1; WTAGENTS_DEBUG=1 adds the stack', () => {
  it('a user error has no stack unless asked for', () => {
    const dir = tempDir();
    const plain = runCli(['list', '--repo', dir]);
    expectOneLineError(plain, 1, /^wtagents: not a git repository: /);

    for (const off of ['0', '']) expect(runCli(['list', '--repo', dir], { env: { WTAGENTS_DEBUG: off } }).stderr).toBe(plain.stderr);

    const debug = runCli(['list', '--repo', dir], { env: { WTAGENTS_DEBUG: '1' } });
    expect(debug.code).toBe(1);
    const [first, ...rest] = debug.stderr.trimEnd().split('\n');
    expect(`${first}\n`).toBe(plain.stderr);
    expect(rest.join('\n')).toMatch(STACK_LINE);
    expect(rest.join('\n')).toMatch(/UserError: not a git repository/);
  });
});

describe('colour', () => {
  const colorEnv = { NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color' };
  const ESC = '\u001b[';

  it('none on a pipe; FORCE_COLOR forces it; NO_COLOR wins over FORCE_COLOR', () => {
    expect(runCli(['--help'], { env: colorEnv }).stdout).not.toContain(ESC);
    const forced = runCli(['--help'], { env: { ...colorEnv, FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(`${ESC}1mUsage:${ESC}22m`);
    expect(runCli(['--help'], { env: { ...colorEnv, FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain(ESC);

    const forcedError = runCli(['zzqxj'], { env: { ...colorEnv, FORCE_COLOR: '1' } });
    expect(forcedError.stderr).toMatch(/^\u001b\[31mwtagents:\u001b\[39m unknown command/);
    expect(runCli(['zzqxj'], { env: { ...colorEnv, FORCE_COLOR: '1', NO_COLOR: '1' } }).stderr).toMatch(/^wtagents: unknown command/);
  });

  // `script` gives the CLI a real terminal (util-linux; Debian's bsdutils is always installed).
  it.skipIf(!which('script'))('on a terminal by default, and none there with NO_COLOR=1', () => {
    const onTty = (env: NodeJS.ProcessEnv): string => {
      const command = shellJoin([process.execPath, CLI, '--help']);
      const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, ...colorEnv, ...env }, timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    expect(onTty({})).toContain(`${ESC}1mUsage:`);
    const plain = onTty({ NO_COLOR: '1' });
    expect(plain).toContain('Usage: wtagents');
    expect(plain).not.toContain(ESC);
  });
});
