// The error texts users see for a broken file, with zod and with src/core/lean-zod.ts in its place (what every
// build of dist/ has): a task.json (src/store/tasks.ts readTask: field path and zod's message), a
// review/comments.json (src/review/comments.ts: "is invalid at <path>") and a .wtagents/config.json
// (src/store/config-file.ts through describeIssue). Real files in a temp directory, read by the real modules.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { useZod } from '../helpers/lean-zod.js';
import { tempDir } from '../helpers/repo.js';

afterAll(() => vi.doUnmock('zod'));

const task = {
  v: 1, id: 'fix-login', title: 'Fix login', text: 'Fix the login', repo: '/r', base: 'main', baseSha: 'abc', branch: 'wtagents/fix-login', worktree: '/r/w', taskDir: '/r/t',
  mode: 'create', state: 'running', round: 2, createdAt: 'c', updatedAt: 'u',
};
const comment = { file: 'src/a.ts', line: 12, side: 'new', text: 'why?', code: [' a', '+b', ' c'], at: 1, createdAt: 'c', updatedAt: 'u' };

/** [which file, its content, a word the error must hold]: each is broken, so each read throws. */
const BROKEN: Array<['task' | 'comments' | 'config', unknown, string]> = [
  ['task', { ...task, v: 2 }, 'at v: Invalid input: expected 1'],
  ['task', { ...task, state: 'nonsense' }, 'at state: Invalid option'],
  ['task', { ...task, round: 0 }, 'at round: Too small'],
  ['task', { ...task, round: 1.5 }, 'expected int'],
  ['task', { ...task, id: '' }, 'at id: Too small'],
  ['task', { ...task, title: undefined }, 'received undefined'],
  ['task', { ...task, processes: { supervisor: { pid: 'x', startedAt: 's' } } }, 'at processes.supervisor.pid'],
  ['task', [task], 'at (root)'],
  ['comments', { v: 2, comments: [] }, 'invalid at v'],
  ['comments', { v: 1, comments: [comment, { ...comment, line: 0 }] }, 'invalid at comments.1.line'],
  ['comments', { v: 1, comments: [{ ...comment, side: 'both' }] }, 'invalid at comments.0.side'],
  ['comments', { v: 1, comments: [{ ...comment, code: 'x' }] }, 'invalid at comments.0.code'],
  ['comments', 'x', 'invalid at (root)'],
  ['config', { nope: 1 }, 'nope: unknown key'],
  ['config', { routes: { nostep: { agent: 'codex' } } }, 'routes.nostep: unknown key'],
  ['config', { routes: { review: { agent: 'codex', baseUrl: 'not a url' } } }, 'routes.review.baseUrl: Invalid URL'],
  ['config', { agents: { mine: { command: [] } } }, 'agents.mine.command: Too small'],
  ['config', { agents: { mine: 5 } }, 'expected a preset name'],
  ['config', { runners: { 'bad name!': { ssh: 'h' } } }, 'runners.bad name!: Invalid key in record'],
  ['config', { ports: { from: 80, to: 3000 } }, 'ports.from: Too small: expected number to be >=1024'],
  ['config', { sandbox: 'maybe' }, 'sandbox: Invalid option'],
  ['config', { merge: { strategy: 'octopus' } }, 'merge.strategy'],
];

/** Each broken file's error text, read by the product's own modules loaded with zod or with lean-zod. */
async function errorTexts(lean: boolean): Promise<{ texts: string[]; zod: string }> {
  useZod(lean);
  const { TaskRecord } = await import('../../src/core/task.js');
  const { readTask } = await import('../../src/store/tasks.js');
  const { readComments } = await import('../../src/review/comments.js');
  const { loadConfig } = await import('../../src/store/config-file.js');
  const root = tempDir();
  const texts = BROKEN.map(([kind, content], i) => {
    const dir = path.join(root, String(i));
    const file = kind === 'task' ? path.join(dir, 'task.json') : kind === 'comments' ? path.join(dir, 'review', 'comments.json') : path.join(dir, '.wtagents', 'config.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(content));
    const read = { task: () => readTask(dir), comments: () => readComments(dir), config: () => loadConfig(dir) }[kind];
    try {
      read();
    } catch (error) {
      return (error as Error).message.replaceAll(dir, '<dir>');
    }
    return `${kind} ${i} read without an error`;
  });
  return { texts, zod: TaskRecord.constructor.name };
}

describe('error texts of broken files', () => {
  it('are the same with lean-zod as with zod', async () => {
    const real = await errorTexts(false);
    const lean = await errorTexts(true);
    expect(lean.zod).not.toBe(real.zod); // really two implementations
    BROKEN.forEach(([, , word], i) => expect(real.texts[i], `zod: ${word}`).toContain(word));
    expect(lean.texts).toEqual(real.texts);
  });
});
