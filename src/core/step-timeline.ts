// What happened in a run, one line per event that matters (step starts and exits, step outputs, checks,
// budget and state), for the summary step's packet. Pure.
import { checkEnd } from './checks.js';
import { formatDuration } from './format.js';
import type { TraceEvent } from './trace-schema.js';

const MAX_LINES = 200;

export function timelineOf(events: readonly TraceEvent[], round: number): string[] {
  const out: string[] = [];
  const one = (t: string) => t.replace(/\s*\n\s*/g, ' ').slice(0, 300);
  for (const e of events) {
    if (e.round !== round) continue;
    const step = e.step ? `${e.step}: ` : '';
    switch (e.type) {
      case 'agent.started':
        out.push(`${step}agent ${e.agent} started${e.model ? ` (model ${e.model})` : ''}`);
        break;
      case 'agent.exited':
        out.push(`${step}agent exited ${e.signal ? `by ${e.signal}` : `with code ${e.code ?? '?'}`} after ${formatDuration(e.durationMs)}`);
        break;
      case 'agent.error':
        out.push(`${step}error: ${one(e.message)}`);
        break;
      case 'step.output':
        out.push(
          `${step}wrote ${e.file}${e.verdict !== undefined ? `, verdict ${e.verdict ?? 'none'}` : ''}${e.items?.length ? ` (${e.items.length} findings)` : ''}${e.edited?.length ? `, and changed files it should not have: ${e.edited.join(', ')}` : ''}`,
        );
        break;
      case 'check.finished':
        if (e.step !== 'setup') out.push(`check \`${one(e.cmd)}\` ${e.exitCode === 0 ? 'passed' : `failed (${checkEnd(e)})`}`);
        break;
      case 'budget.exceeded':
        out.push(`${step}budget exceeded: ${one(e.reason ?? `${e.limit} ${e.figure ?? '?'} > ${e.max ?? '?'}`)}`);
        break;
      case 'task.state':
        out.push(`state ${e.state}${e.reason ? `: ${one(e.reason)}` : ''}`);
        break;
      default:
        break;
    }
  }
  return out.length > MAX_LINES ? [...out.slice(0, MAX_LINES / 2), `… ${out.length - MAX_LINES} lines cut …`, ...out.slice(-MAX_LINES / 2)] : out;
}
