// The repository registry on real repositories: `new` remembers its repository in the user's config dir
// ($XDG_CONFIG_HOME/wtagents/repos.json here, a temp dir); `repos` lists, adds and forgets; `list --all`
// groups every repository's tasks, and one that vanished is shown as missing, never a crash.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';
import { makeRepo, tempDir } from '../helpers/repo.js';

/** An environment whose config dir is a fresh temp dir, reached through XDG_CONFIG_HOME (the override unset). */
function configEnv(): { env: NodeJS.ProcessEnv; file: string } {
  const xdg = tempDir('xdg-');
  return { env: { XDG_CONFIG_HOME: xdg, WTAGENTS_CONFIG_DIR: '' }, file: path.join(xdg, 'wtagents', 'repos.json') };
}

interface Group {
  repo: string;
  name: string;
  status: string;
  tasks: { id: string; state: string; repo: string }[];
}

describe('repositories remembered for --all', () => {
  it('new remembers the repository; list --all groups the tasks of each; a moved one shows as missing; repos rm forgets it', async () => {
    const { env, file } = configEnv();
    const web = makeRepo({ dirName: 'webapp' });
    const api = makeRepo({ dirName: 'api' });
    expect(runCli(['new', '--task', 'Fix the login'], { cwd: web, env }).code).toBe(0);
    expect(runCli(['new', '--task', 'Add health endpoint'], { cwd: api, env }).code).toBe(0);
    expect(runCli(['new', '--task', 'Add metrics'], { cwd: api, env }).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).repos.map((r: { path: string }) => r.path)).toEqual([web, api]);

    let groups = runJson<Group[]>(['list', '--all'], { cwd: tempDir(), env });
    expect(groups.map((g) => [g.name, g.status, g.tasks.map((t) => t.id)])).toEqual([
      ['webapp', 'ok', ['fix-the-login']],
      ['api', 'ok', ['add-health-endpoint', 'add-metrics']],
    ]);
    expect(groups[1]!.tasks[0]!.repo).toBe(api);
    const text = runCli(['list', '--all'], { cwd: tempDir(), env });
    expect(text.stdout).toMatch(new RegExp(`^webapp  ${web}\\n  ID +STATE +BRANCH`));
    expect(text.stdout).toMatch(/\n {2}add-metrics +ready +wtagents\/add-metrics/);

    renameSync(api, `${api}-moved`);
    const after = runCli(['list', '--all'], { cwd: tempDir(), env });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain(`api  ${api}  (missing: wtagents repos rm api forgets it)`);
    groups = runJson<Group[]>(['list', '--all'], { cwd: tempDir(), env });
    expect(groups[1]).toMatchObject({ name: 'api', status: 'missing', tasks: [] });
    expect(runCli(['repos'], { env }).stdout).toMatch(/api +missing +- +\S+\/api\n/);

    const rm = runCli(['repos', 'rm', 'api'], { env });
    expect(rm.stdout).toBe(`Forgot ${api} (missing)\n`);
    expect(runJson<{ path: string }[]>(['repos'], { env }).map((r) => r.path)).toEqual([web]);
    expect(runCli(['repos', 'rm', 'api'], { env }).stderr).toContain('api is not a remembered repository');
  });

  it('repos add remembers one by hand (once); two of the same name are told apart by their parent', async () => {
    const { env } = configEnv();
    const a = makeRepo({ dirName: 'app' });
    const b = makeRepo({ dirName: 'app' });
    expect(runCli(['repos', 'add'], { cwd: path.join(a), env }).stdout).toBe(`Remembered ${a}\n`);
    runCli(['repos', 'add', b], { env });
    runCli(['repos', 'add', a], { env });
    const list = runJson<{ path: string; label: string; tasks: number }[]>(['repos'], { env });
    expect(list.map((r) => r.path)).toEqual([a, b]);
    expect(list.map((r) => r.label)).toEqual([`${path.basename(path.dirname(a))}/app`, `${path.basename(path.dirname(b))}/app`]);
    expect(list[0]!.tasks).toBe(0);
    expect(runCli(['repos', 'rm', 'app'], { env }).stderr).toContain('app is not a remembered repository'); // the label is parent/app
  });

  it('with no registry yet, says how repositories get there; the tests’ own config dir is never the user’s', () => {
    const { env, file } = configEnv();
    const r = runCli(['list', '--all'], { cwd: tempDir(), env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No repositories remembered yet');
    expect(existsSync(file)).toBe(false);
    expect(process.env.WTAGENTS_CONFIG_DIR).toMatch(/wtagents-test-config-/);
  });
});
