// Colours in one place: per state and per trace tone; NO_COLOR turns every colour off (inverse and dim stay).
import type { TaskState } from '../src/core/lifecycle.js';
import type { Tone } from '../src/core/trace-format.js';

const noColor = (): boolean => 'NO_COLOR' in process.env && process.env.NO_COLOR !== '';

const STATE_COLOR: Record<TaskState, string> = {
  draft: 'gray',
  ready: 'cyan',
  running: 'yellow',
  done: 'green',
  failed: 'red',
  stopped: 'gray',
  interrupted: 'magenta',
  'changes-requested': 'yellow',
  conflict: 'red',
  merged: 'green',
  abandoned: 'gray',
};

const TONE_COLOR: Record<Tone, string | undefined> = {
  normal: undefined,
  dim: undefined,
  ok: 'green',
  warn: 'yellow',
  error: 'red',
  accent: 'cyan',
};

export function stateColor(state: TaskState): string | undefined {
  return noColor() ? undefined : STATE_COLOR[state];
}

export function toneColor(tone: Tone): string | undefined {
  return noColor() ? undefined : TONE_COLOR[tone];
}

export const theme = {
  get accent(): string | undefined {
    return noColor() ? undefined : 'cyan';
  },
  get error(): string | undefined {
    return noColor() ? undefined : 'red';
  },
  get changed(): string | undefined {
    return noColor() ? undefined : 'magentaBright';
  },
};
