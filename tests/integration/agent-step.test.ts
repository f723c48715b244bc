// One agent step run directly (engine level) and through the CLI: a binary that cannot start, and an
// agent that exits leaving a child behind that still holds its output pipe.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAgentStep } from '../../src/runner/agent-step.js';
import { StopControl } from '../../src/runner/stop-control.js';
import { makeRepo } from '../helpers/repo.js';
import { newTask, psAlive, readRecord, traceEvents, waitSettled } from '../helpers/run.js';

describe('an agent step', () => {
  it('whose binary cannot be started records agent.error and exits without a code', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Gone binary']);
    const r = await runAgentStep({
      task: readRecord(t.taskDir),
      plan: { step: 'implement', agent: 'ghost', argv: ['no-such-binary-xyz'], env: {}, secretEnv: [], format: 'text', packetOnStdin: true },
      ctx: { taskDir: t.taskDir, task: t.id, round: 1 },
      packet: path.join(t.taskDir, 'packets/01-background-agent.md'),
      baseEnv: process.env,
      stop: new StopControl(1000),
    });
    expect(r.code).toBeNull();
    expect(r.startError).toMatch(/ENOENT/);
    const events = traceEvents(t.taskDir).slice(-3);
    expect(events.map((e) => e.type)).toEqual(['agent.started', 'agent.error', 'agent.exited']);
    expect(events[1]).toMatchObject({ message: expect.stringMatching(/^could not start the agent: .*no-such-binary-xyz/) });
  });

  it('that exits leaving a child holding its stdout ends anyway: the leftover child is killed', async () => {
    const repo = makeRepo({ files: { 'README.md': '# test\n', '.wtagents/config.json': '{"sandbox":"none"}' } }); // a host pid is printed
    const t = newTask(repo, ['Leftover', '--agent-command', 'sleep 300 & echo "child $!"; echo bye', '--run']);
    const rec = await waitSettled(t.taskDir, ['done', 'failed'], 120_000);
    expect(rec.state).toBe('done');
    const line = traceEvents(t.taskDir).find((e) => e.type === 'agent.output' && e.text.startsWith('child '));
    const child = Number((line as { text: string }).text.slice(6));
    expect(child).toBeGreaterThan(1);
    expect(psAlive(child)).toBe(false);
  });
});
