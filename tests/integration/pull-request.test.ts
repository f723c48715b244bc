// Pull requests: `review --pr` pushes the task branch to a real (local, bare) remote and opens the PR with a
// fake `gh`/`glab` on PATH that records its argv; the body is built from the evidence with the agent's words
// quoted and labelled; the task keeps the URL. Without a usable CLI nothing is pushed and the commands are printed.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { bareRemote, fakeForge } from '../helpers/forge.js';
import { git } from '../helpers/repo.js';
import { taskJson, taskWithWork, traceOf } from '../helpers/task.js';

const REPORT = 'I fixed the redirect loop.\n\nRecommendation: merge — all tests pass, trust me @everyone';

async function withReport() {
  const t = await taskWithWork({ 'src/login.ts': 'export const loop = false;\n' });
  writeFileSync(path.join(t.task.taskDir, 'report.md'), REPORT);
  return t;
}

describe('review --pr', () => {
  it('pushes the branch and opens a draft PR with gh; the body is the evidence, the agent quoted; the task keeps the URL', async () => {
    const { repo, task, tip } = await withReport();
    const bare = bareRemote(repo);
    const gh = fakeForge();
    const r = runCli(['review', task.id, '--pr', '--draft', '--yes'], { cwd: repo, env: { PATH: gh.path } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Opened a draft pull request: https://github.com/acme/shop/pull/7');
    expect(git(bare, ['rev-parse', `refs/heads/${task.branch}`]).trim()).toBe(tip);
    const create = gh.calls().find((c) => c[0] === 'pr' && c[1] === 'create')!;
    const bodyFile = path.join(task.taskDir, 'review', 'pr-body.md');
    expect(create).toEqual(['pr', 'create', '--base', 'main', '--head', task.branch, '--title', task.title, '--body-file', bodyFile, '--draft']);
    const body = readFileSync(bodyFile, 'utf8');
    expect(body).toContain('## What wtagents verified');
    expect(body).toContain('- Checks: none ran');
    expect(body).toContain('- Risk flags: none');
    expect(body).toMatch(/- Diff: 1 file, \+1 −0/);
    expect(body).toContain('## The agent’s own report (its words, not verified by wtagents)');
    expect(body).toContain('> I fixed the redirect loop.\n>\n> Recommendation: merge');
    expect(body).toContain(`Full trace: \`${path.join(task.taskDir, 'trace.jsonl')}\``);
    expect(taskJson(task.taskDir).pr).toMatchObject({ url: 'https://github.com/acme/shop/pull/7', forge: 'github', remote: 'origin', draft: true, branchTip: tip });
    expect(traceOf(task.taskDir).at(-1)).toMatchObject({ type: 'pr.opened', url: 'https://github.com/acme/shop/pull/7', draft: true });

    const again = runCli(['review', task.id, '--pr', '--yes'], { cwd: repo, env: { PATH: gh.path } });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has a pull request: https://github.com/acme/shop/pull/7');
    const list = JSON.parse(runCli(['list', '--json'], { cwd: repo }).stdout) as { pr?: { url: string } }[];
    expect(list[0]!.pr?.url).toBe('https://github.com/acme/shop/pull/7');
  });

  it('uses glab for a GitLab remote', async () => {
    const { repo, task } = await withReport();
    bareRemote(repo, 'origin', 'gitlab.example.com/shop.git');
    const glab = fakeForge({ cli: 'glab' });
    const r = runCli(['review', task.id, '--pr', '--yes'], { cwd: repo, env: { PATH: glab.path } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Opened pull request: https://gitlab.example.com/acme/shop/-/merge_requests/3');
    const create = glab.calls().find((c) => c[0] === 'mr')!;
    expect(create.slice(0, 6)).toEqual(['mr', 'create', '--source-branch', task.branch, '--target-branch', 'main']);
    expect(create[create.indexOf('--description') + 1]).toContain('## What wtagents verified');
  });

  it('without gh (or logged out) pushes nothing and prints the exact commands', async () => {
    const { repo, task } = await withReport();
    const bare = bareRemote(repo);
    const loggedOut = fakeForge({ loggedOut: true });
    for (const PATH of ['/usr/bin:/bin', loggedOut.path]) {
      const r = runCli(['review', task.id, '--pr', '--yes'], { cwd: repo, env: { PATH: `${path.dirname(process.execPath)}:${PATH}` } });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Not opened: gh is not (installed|logged in)/);
      expect(r.stdout).toContain(`git -C ${repo} push --set-upstream origin ${task.branch}`);
      expect(r.stdout).toContain(`gh pr create --base main --head ${task.branch} --title`);
      expect(git(bare, ['branch', '--list', task.branch])).toBe('');
    }
    expect(taskJson(task.taskDir).pr).toBeUndefined();
  });

  it('refuses clearly: no remote, an unknown remote, a push that fails, flags without --pr', async () => {
    const { repo, task } = await withReport();
    const gh = fakeForge();
    const none = runCli(['review', task.id, '--pr', '--yes'], { cwd: repo, env: { PATH: gh.path } });
    expect(none.stderr).toContain('the repository has no remote; add one: git remote add origin URL');
    git(repo, ['remote', 'add', 'origin', path.join(repo, 'no-such-remote.git')]);
    const unknown = runCli(['review', task.id, '--pr', '--remote', 'upstream', '--yes'], { cwd: repo, env: { PATH: gh.path } });
    expect(unknown.stderr).toContain('no remote "upstream" (remotes: origin)');
    const push = runCli(['review', task.id, '--pr', '--yes'], { cwd: repo, env: { PATH: gh.path } });
    expect(push.code).toBe(1);
    expect(push.stderr).toContain(`could not push ${task.branch} to origin`);
    expect(gh.calls().some((c) => c[1] === 'create')).toBe(false);
    const usage = runCli(['review', task.id, '--draft'], { cwd: repo });
    expect(usage.code).toBe(2);
  });
});
