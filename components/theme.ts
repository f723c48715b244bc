// Colours in one place: per state, per trace tone and per diff line kind (that table is src/core/color.ts's, shared
// with the review's first paint); NO_COLOR turns every colour off (inverse and dim stay).
import { DIFF_KIND_COLOR } from '../src/core/color.js';
import type { LineKind } from '../src/core/diff-parse.js';
import type { TaskState } from '../src/core/lifecycle.js';
import type { Tone } from '../src/core/trace-format.js';

const noColor = (): boolean => 'NO_COLOR' in process.env && process.env.NO_COLOR !== '';

const STATE_COLOR: Record<TaskState, string> = {
  draft: 'gray',
  ready: 'cyan',
  queued: 'blue',
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

/** A diff line's colour by its kind (added green, removed red, hunk headers cyan); none under NO_COLOR. */
export function diffColor(kind: LineKind): string | undefined {
  return noColor() ? undefined : DIFF_KIND_COLOR[kind];
}

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
  get warn(): string | undefined {
    return noColor() ? undefined : 'yellow';
  },
  get changed(): string | undefined {
    return noColor() ? undefined : 'magentaBright';
  },
};
