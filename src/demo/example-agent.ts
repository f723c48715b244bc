// The demo's example agent: plays a scripted scenario in the worktree (real edits, real test runs,
// real commits) and streams it in Claude Code's stream-json format, so it goes through the real adapter.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPORT_SECTIONS } from '../core/packet.js';
import { scenarioFor, type Report, type ScriptStep } from './scenarios.js';

export const EXAMPLE_MODEL = 'example-agent (scripted demo, no AI)';

export interface ExampleAgentOptions {
  cwd: string;
  packet: string;
  round: number;
  /** Multiplies every pause (1 = about 10–20 s a task; tests use less). */
  speed: number;
  write: (line: string) => void;
}

export async function runExampleAgent(o: ExampleAgentOptions): Promise<number> {
  const title = /^# Task packet: (.*)$/m.exec(o.packet)?.[1]?.trim() ?? 'task';
  const session = randomUUID();
  const started = Date.now();
  const emit = (value: unknown) => o.write(JSON.stringify(value));
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms * o.speed));
  let calls = 0;
  let outTokens = 0;
  const say = (text: string) => {
    outTokens += Math.ceil(text.length / 4);
    emit({ type: 'assistant', message: { role: 'assistant', content: [{ type: 'text', text }] }, session_id: session });
  };
  const tool = (name: string, input: Record<string, unknown>, result: string, isError = false) => {
    const id = `toolu_demo_${++calls}`;
    emit({ type: 'assistant', message: { role: 'assistant', content: [{ type: 'tool_use', id, name, input }] }, session_id: session });
    emit({ type: 'user', message: { role: 'user', content: [{ tool_use_id: id, type: 'tool_result', content: [{ type: 'text', text: result }], is_error: isError }] }, session_id: session });
  };

  emit({ type: 'system', subtype: 'init', cwd: o.cwd, session_id: session, tools: ['Read', 'Edit', 'Bash'], model: EXAMPLE_MODEL, permissionMode: 'acceptEdits' });
  let report: Report | undefined;
  for (const step of scenarioFor(title, o.round)) {
    await pause(900);
    report = play(step, o.cwd, { say, tool }) ?? report;
  }
  await pause(600);
  const baseSha = /started from `[^`]*` at `([0-9a-f]{7,40})`/.exec(o.packet)?.[1];
  const stat = baseSha ? spawnSync('git', ['diff', '--stat', `${baseSha}...HEAD`], { cwd: o.cwd, encoding: 'utf8' }).stdout.replace(/^\n+|\s+$/g, '') : '';
  const text = report ? renderReport(report, stat) : 'No report.';
  emit({
    type: 'result',
    subtype: 'success',
    is_error: false,
    duration_ms: Date.now() - started,
    num_turns: calls + 1,
    session_id: session,
    total_cost_usd: 0,
    usage: { input_tokens: Math.ceil(o.packet.length / 4), output_tokens: outTokens + Math.ceil(text.length / 4) },
    result: text,
  });
  return 0;
}

interface Io {
  say: (text: string) => void;
  tool: (name: string, input: Record<string, unknown>, result: string, isError?: boolean) => void;
}

function play(step: ScriptStep, cwd: string, io: Io): Report | undefined {
  if ('say' in step) io.say(step.say);
  else if ('read' in step) {
    const file = path.join(cwd, step.read);
    io.tool('Read', { file_path: step.read }, existsSync(file) ? readFileSync(file, 'utf8') : 'file not found', !existsSync(file));
  } else if ('edit' in step) {
    const file = path.join(cwd, step.edit);
    const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const after = step.find === '' ? before + step.replace : before.replace(step.find, step.replace);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, after);
    io.tool('Edit', { file_path: step.edit, old_string: step.find, new_string: step.replace }, after === before ? 'no change' : 'ok', after === before);
  } else if ('run' in step) {
    const r = spawnSync('/bin/sh', ['-c', step.run], { cwd, encoding: 'utf8' });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-12).join('\n');
    // As Claude Code reports it: a failed command's result starts with its exit code.
    io.tool('Bash', { command: step.run }, r.status === 0 ? output : `Exit code ${r.status ?? 1}\n${output}`, r.status !== 0);
  } else if ('commit' in step) {
    spawnSync('git', ['add', '-A'], { cwd });
    const r = spawnSync('git', ['commit', '-q', '-m', step.commit], { cwd, encoding: 'utf8' });
    io.tool('Bash', { command: `git commit -m ${JSON.stringify(step.commit)}` }, r.status === 0 ? 'committed' : (r.stderr || 'commit failed'), r.status !== 0);
  } else if ('report' in step) return step.report;
  return undefined;
}

/** The report in the packet's required shape. */
export function renderReport(r: Report, diffStat = ''): string {
  const [summary, files, commands, risks, stat, recommendation] = REPORT_SECTIONS;
  return [
    `## ${summary}`,
    r.summary,
    `## ${files}`,
    ...r.files.map((f) => `- ${f}`),
    `## ${commands}`,
    ...(r.commands.length > 0 ? r.commands.map((c) => `- ${c}`) : ['- none']),
    `## ${risks}`,
    r.risks,
    `## ${stat}`,
    diffStat === '' ? '(no changes)' : `\`\`\`\n${diffStat}\n\`\`\``,
    `## ${recommendation}`,
    `${r.recommendation}: ${r.why}`,
  ].join('\n');
}
