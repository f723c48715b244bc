// A task on an SSH runner from the TUI, against a real sshd on 127.0.0.1: the new-task form offers the
// config's runners (local first, the default), the task made there runs on the host, and the dashboard's
// trace pane shows its lines live — the first while the host's agent still waits — then the task done.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TuiServices } from '../../src/app/services.js';
import { shellJoin } from '../../src/core/shell-quote.js';
import { listTasks } from '../../src/store/tasks.js';
import { app, renderTui, testServices, type Tui } from '../helpers/ink.js';
import { makeRepo, tempDir, writeFiles } from '../helpers/repo.js';
import { readRecord, trackTask, waitSettled } from '../helpers/run.js';
import { startSshd, sshdUnavailable, type TestSshd } from '../helpers/sshd.js';

const why = sshdUnavailable();

let open: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.tui.unmount();
    await o.services.close();
  }
});

describe.skipIf(why !== null)('a remote task in the TUI (real sshd on 127.0.0.1)', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd();
    // The follower the form's start launches inherits this process's environment: its own ssh sockets.
    process.env.WTAGENTS_SSH_CONTROL_DIR = tempDir('wt-ssh-');
  }, 120_000);
  afterAll(async () => {
    await sshd?.close();
  });

  it('the form picks the runner; the trace pane shows the host’s lines live', async () => {
    const agents = tempDir('wt-agents-');
    const gate = path.join(agents, 'gate');
    const agent = path.join(agents, 'agent.sh');
    writeFileSync(
      agent,
      ['cat >/dev/null', 'echo "first from the host"', `while [ ! -e ${shellJoin([gate])} ]; do sleep 0.05; done`, 'echo "second from the host"'].join('\n'),
    );
    const repo = makeRepo();
    writeFiles(repo, {
      '.wtagents/config.json': JSON.stringify({
        sandbox: 'none',
        runners: { box: { ssh: sshd.host, sshConfig: sshd.configFile, dir: path.join(tempDir('wt-host-'), 'runner'), node: process.execPath, maxParallel: 2, pool: 'boxes' } },
      }),
    });
    const { services } = testServices(repo);
    const tui = await renderTui(app(services), { columns: 120, rows: 30 });
    open.push({ tui, services });
    await tui.act('dashboard', 'new');
    await tui.waitFor(/Base\s+main/);
    let f = await tui.waitFor(/Runner\s+local/); // local is the default
    await tui.type('Say hello from the host');
    await tui.act('newTask', 'next'); // base
    await tui.act('newTask', 'next'); // agent: the command agent
    await tui.press('enter');
    await tui.waitFor('Command');
    await tui.type(`bash ${agent}`);
    await tui.act('newTask', 'next'); // runner
    f = await tui.waitFor(`box  ${sshd.host} · 2 at once`);
    expect(f).toContain('local  this machine');
    expect(f).toContain('pool:boxes  the least busy of box');
    await tui.press('down');
    await tui.press('enter');
    await tui.waitFor(/Runner\s+box/);
    await tui.press('enter'); // submit from the scope field
    await tui.waitFor('created say-hello-from-the-host');
    const t = listTasks(repo)[0]!.record;
    trackTask(t.taskDir);
    expect(t.runner).toBe('box');
    // Live: the host's first line is in the pane while its agent still waits for the gate.
    f = await tui.waitFor('first from the host', 120_000);
    expect(f).toContain('@box');
    expect(readRecord(t.taskDir).state).toBe('running');
    expect(f).not.toContain('second from the host');
    writeFileSync(gate, '');
    await tui.waitFor('second from the host', 120_000);
    const done = await waitSettled(t.taskDir, ['done', 'failed', 'stopped', 'interrupted'], 120_000);
    expect(done.state).toBe('done');
    await tui.waitFor(/✓ 1 done/, 30_000);
  }, 300_000);
});
