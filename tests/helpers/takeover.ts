// A task ready to take over: a real repo and task (done, with a recorded session) whose agent is a config agent
// on the claude preset with a fake interactive CLI: a real script that notes its argv and cwd, optionally asks
// for a line on its terminal, commits a file with it, and leaves one uncommitted file.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { updateTask } from '../../src/store/tasks.js';
import { tempDir } from './repo.js';
import { taskWithWork } from './task.js';

export const SESSION = 'sess-4f2a';

export async function takeoverTask(opts: { ask?: boolean } = {}) {
  const { repo, task } = await taskWithWork({ 'a.txt': 'a\n' }, { text: 'Add a' });
  const dir = tempDir('fake-cli-');
  const notes = path.join(dir, 'argv.txt');
  const agent = path.join(dir, 'fake-claude');
  const ask = opts.ask ? 'printf "fake agent> "; read -r line' : 'line="no input"';
  writeFileSync(
    agent,
    `#!/bin/sh\n{ pwd; for a in "$@"; do echo "$a"; done; } > ${JSON.stringify(notes)}\n${ask}\n` +
      'echo "$line" > by-hand.txt\ngit add by-hand.txt && git commit -qm "by hand: $line"\necho scratch > scratch.txt\nexit 0\n',
  );
  chmodSync(agent, 0o755);
  mkdirSync(path.join(repo, '.wtagents'), { recursive: true });
  writeFileSync(path.join(repo, '.wtagents', 'config.json'), JSON.stringify({ agents: { fake: { preset: 'claude', command: [agent] } } }));
  const record = await updateTask(task.taskDir, (t) => {
    t.state = 'done';
    t.agent = { name: 'fake' };
    t.sessionId = SESSION;
    t.sessionAgent = 'fake';
  });
  return { repo, task: record, notes };
}
