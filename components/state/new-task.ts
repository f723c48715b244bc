// The new-task form's state (pure reducer): fields, focus, validation into the engine's input.
import type { NewTaskInput } from '../../src/app/services.js';

export type FieldName = 'text' | 'base' | 'agent' | 'command' | 'runner' | 'scope' | 'checks' | 'from';

export interface NewTaskState {
  field: FieldName;
  text: string;
  base: string | null;
  agent: string | null;
  command: string;
  scope: string;
  checks: string;
  /** An existing branch to start from ('' : a fresh branch at the base). */
  from: string;
  /** Where its runs go: `local`, or a runner of config `runners` (the field shows only when there are runners). */
  runner: string;
  hasRunners: boolean;
  error: string | null;
  busy: boolean;
}

export type NewTaskAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'focus'; field: FieldName }
  | { type: 'set'; field: 'text' | 'command' | 'scope' | 'checks'; value: string }
  | { type: 'pick'; field: 'base' | 'agent' | 'from' | 'runner'; value: string }
  | { type: 'busy' }
  | { type: 'error'; message: string };

export function initialNewTask(defaults: { base: string | null; agent: string | null; runners?: boolean }): NewTaskState {
  return { field: 'text', text: '', base: defaults.base, agent: defaults.agent, command: '', runner: 'local', hasRunners: defaults.runners === true, scope: '', checks: '', from: '', error: null, busy: false };
}

/** The fields shown, in order (the command field only for the command agent, the runner only when config has runners). */
export function fieldsOf(s: NewTaskState): FieldName[] {
  return [
    'text',
    'base',
    'agent',
    ...(s.agent === 'command' ? (['command'] as const) : []),
    ...(s.hasRunners ? (['runner'] as const) : []),
    'scope',
    'checks',
    'from',
  ];
}

function step(s: NewTaskState, by: number): NewTaskState {
  const fields = fieldsOf(s);
  const i = fields.indexOf(s.field);
  return { ...s, field: fields[(i + by + fields.length) % fields.length]! };
}

export function newTaskReducer(s: NewTaskState, a: NewTaskAction): NewTaskState {
  if (s.busy && a.type !== 'error') return s;
  switch (a.type) {
    case 'next':
      return step(s, 1);
    case 'prev':
      return step(s, -1);
    case 'focus':
      return fieldsOf(s).includes(a.field) ? { ...s, field: a.field } : s;
    case 'set':
      return { ...s, [a.field]: a.value, error: null };
    case 'pick':
      return step({ ...s, [a.field]: a.value, error: null }, 1);
    case 'busy':
      return { ...s, busy: true, error: null };
    case 'error':
      return { ...s, busy: false, error: a.message };
  }
}

/** The engine input for the form, or the one-line reason it cannot be submitted yet. */
export function toInput(s: NewTaskState): { ok: true; input: NewTaskInput } | { ok: false; error: string; field: FieldName } {
  if (s.text.trim() === '') return { ok: false, error: 'write what the agent should do first', field: 'text' };
  if (s.agent === 'command' && s.command.trim() === '') return { ok: false, error: 'give the command to run as the agent', field: 'command' };
  const scope = s.scope.split(/[\s,]+/).filter((x) => x !== '');
  const checks = s.checks.trim() === '' ? [] : [s.checks.trim()];
  const agent = s.agent === null ? undefined : s.agent === 'command' ? { name: 'command', command: s.command.trim(), format: 'text' } : { name: s.agent };
  return {
    ok: true,
    input: { text: s.text, ...(s.base !== null ? { base: s.base } : {}), ...(agent ? { agent } : {}), scope, checks, ...(s.from !== '' ? { fromBranch: s.from } : {}), ...(s.runner !== 'local' ? { runner: s.runner } : {}) },
  };
}
