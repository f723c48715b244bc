// Codex's model from its own session file (its JSON stream never names it): the last turn_context of the
// rollout file named after the thread, found under $CODEX_HOME (else ~/.codex) by day, newest first.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codexSessionModel, modelAfterExit } from '../../src/runner/adapters/codex-model.js';
import { tempDir } from '../helpers/repo.js';

const THREAD = '01a21fa8-f56c-73a3-9484-1285b924786d';

/** A session file shaped like codex 0.171's: session_meta, other lines, turn_context lines with the model. */
function rollout(home: string, day: string, thread: string, models: string[]): void {
  const dir = path.join(home, 'sessions', ...day.split('/'));
  mkdirSync(dir, { recursive: true });
  const lines = [
    JSON.stringify({ timestamp: 't', ordinal: 0, type: 'session_meta', payload: { session_id: thread, id: thread, cwd: '/r' } }),
    ...models.flatMap((model, i) => [
      JSON.stringify({ timestamp: 't', type: 'event_msg', payload: { type: 'task_started' } }),
      JSON.stringify({ timestamp: 't', type: 'turn_context', payload: { turn_id: `t${i}`, cwd: '/r', approval_policy: 'never', model, sandbox_policy: {} } }),
      JSON.stringify({ timestamp: 't', type: 'response_item', payload: { type: 'message', content: [{ text: `"turn_context" in text, model ${'x'}` }] } }),
    ]),
  ];
  writeFileSync(path.join(dir, `rollout-2026-11-28T00-40-58-${thread}.jsonl`), `${lines.join('\n')}\n`);
}

describe('codex session model', () => {
  it("reads the last turn's model from the thread's session file, in whichever day it was made", () => {
    const home = tempDir('codex-home-');
    rollout(home, '2026/11/27', THREAD, ['gpt-6.2-sol', 'gpt-6.3-sol']);
    rollout(home, '2026/11/28', '01a21f99-1fc2-7630-9958-03de1f56434a', ['other-model']);
    expect(codexSessionModel({ CODEX_HOME: home }, THREAD)).toBe('gpt-6.3-sol');
    const userHome = tempDir('home-');
    rollout(path.join(userHome, '.codex'), '2026/11/28', THREAD, ['gpt-6.2-sol']);
    expect(codexSessionModel({ HOME: userHome }, THREAD)).toBe('gpt-6.2-sol');
  });

  it('nothing found, or a hostile thread id: no model; after exit the plan’s model is the fallback', () => {
    const home = tempDir('codex-home-');
    expect(codexSessionModel({ CODEX_HOME: home }, THREAD)).toBeUndefined();
    expect(codexSessionModel({ CODEX_HOME: home }, '../../etc/passwd')).toBeUndefined();
    expect(codexSessionModel({}, THREAD)).toBeUndefined();
    const summary: { sessionId?: string; model?: string } = { sessionId: THREAD };
    expect(modelAfterExit('codex', summary, { CODEX_HOME: home }, 'gpt-route')).toBe('gpt-route');
    expect(summary.model).toBe('gpt-route');
    expect(modelAfterExit('codex', { sessionId: THREAD, model: 'known' }, {}, 'x')).toBeUndefined();
    expect(modelAfterExit('claude', { sessionId: THREAD }, {}, 'x')).toBeUndefined();
  });
});
