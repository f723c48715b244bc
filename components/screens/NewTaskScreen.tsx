// The new-task form: task text ($EDITOR for long text), base branch and agent lists, the runner (when config
// has runners), optional scope and check.
// enter creates the task (worktree and branch) and starts its agent; esc leaves with nothing created.
import { Box, Text, useApp } from 'ink';
import SelectInput from 'ink-select-input';
import TextInput from 'ink-text-input';
import { useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import { errorLine } from '../../src/core/errors.js';
import { oneRow, typedText } from '../../src/core/terminal-text.js';
import type { TaskRecord } from '../../src/core/task.js';
import { useServices } from '../context.js';
import { useKeyHint, useKeys } from '../key-stack.js';
import { Footer } from '../parts/Footer.js';
import { fieldsOf, initialNewTask, newTaskReducer, toInput, type FieldName } from '../state/new-task.js';
import { theme } from '../theme.js';

export interface NewTaskScreenProps {
  columns: number;
  rows: number;
  active: boolean;
  /** The task was created (and its agent asked to start: `startError` says why it did not). */
  onDone: (record: TaskRecord, startError: string | null) => void;
  onCancel: () => void;
}

const LABEL = 8;
/** The `from` choice that starts a fresh branch at the base. */
const FRESH = 'a fresh branch at the base';

export function NewTaskScreen({ columns, rows, active, onDone, onCancel }: NewTaskScreenProps) {
  const services = useServices();
  const keyHint = useKeyHint();
  const { suspendTerminal } = useApp();
  const agents = useMemo(() => services.agents().filter((a) => a.kind !== 'preset' || a.found), [services]);
  const defaultAgent = agents.find((a) => a.name === services.config.defaultAgent)?.name ?? agents[0]?.name ?? null;
  const [branches, setBranches] = useState<string[] | null>(null);
  // Where its runs go: this machine, or a runner of config `runners` (the field shows only when there are some).
  const runners = useMemo(() => {
    const all = Object.entries(services.config.runners);
    const pools = [...new Set(all.flatMap(([, r]) => (r.pool !== undefined ? [r.pool] : [])))];
    return [
      ...all.map(([name, r]) => ({ label: `${name}  ${r.ssh}${r.maxParallel !== undefined ? ` · ${r.maxParallel} at once` : ''}`, value: name })),
      ...pools.map((p) => ({ label: `pool:${p}  the least busy of ${all.filter(([, r]) => r.pool === p).map(([n]) => n).join(', ')}`, value: `pool:${p}` })),
    ];
  }, [services]);
  const [s, dispatch] = useReducer(newTaskReducer, { base: null, agent: defaultAgent, runners: runners.length > 0 }, initialNewTask);

  useEffect(() => {
    let alive = true;
    services.baseChoices().then(
      (b) => {
        if (!alive) return;
        setBranches(b);
        if (b[0] !== undefined) dispatch({ type: 'pick', field: 'base', value: b[0] });
        dispatch({ type: 'focus', field: 'text' });
      },
      () => alive && setBranches([]),
    );
    return () => {
      alive = false;
    };
  }, [services]);

  const submit = () => {
    const v = toInput(s);
    if (!v.ok) {
      dispatch({ type: 'error', message: v.error });
      return dispatch({ type: 'focus', field: v.field });
    }
    dispatch({ type: 'busy' });
    services.createTask(v.input).then(
      async (record) => {
        let startError: string | null = null;
        await services.startRun(record.taskDir, v.input.agent ? { agent: v.input.agent } : {}).catch((e: unknown) => (startError = errorLine(e)));
        onDone(record, startError);
      },
      (e: unknown) => dispatch({ type: 'error', message: errorLine(e) }),
    );
  };

  const multiLine = s.text.includes('\n');
  /** The focused field is typed into (a text box), not picked from a list: enter creates the task. */
  const typing = s.field === 'text' || s.field === 'command' || s.field === 'scope' || s.field === 'checks';
  useKeys(
    'newTask',
    {
      cancel: () => void (s.busy || onCancel()),
      // A list takes enter itself (pick and go on).
      submit: () => void (typing && !s.busy && submit()),
      next: () => dispatch({ type: 'next' }),
      prev: () => dispatch({ type: 'prev' }),
      editor: () => {
        if (s.field !== 'text') return;
        const before = s.text;
        // After the text box has taken this key too (it types the letter): the editor's text comes last.
        queueMicrotask(() => void suspendTerminal(() => {
          const text = services.editText(before);
          dispatch({ type: 'set', field: 'text', value: text === null ? before : text.replace(/\s+$/, '') });
        }).catch((e: unknown) => dispatch({ type: 'error', message: errorLine(e) })));
      },
    },
    { active, text: typing },
  );

  const fields = fieldsOf(s);
  const fixedRows = fields.length + 3; // title, fields, error, footer
  const listLimit = Math.max(1, rows - fixedRows);
  const row = (field: FieldName, label: string, content: ReactNode) => (
    <Box key={field} width={columns} flexDirection="row">
      <Box width={LABEL} height={1}>
        <Text bold={s.field === field} color={s.field === field ? theme.accent : undefined}>
          {label}
        </Text>
      </Box>
      <Box width={Math.max(1, columns - LABEL)} flexDirection="column" overflow="hidden">
        {content}
      </Box>
    </Box>
  );
  const text = (field: 'text' | 'command' | 'scope' | 'checks', placeholder: string) => (
    <Box height={1} overflow="hidden">
      <TextInput
        value={s[field]}
        placeholder={placeholder}
        focus={active && s.field === field && !s.busy}
        onChange={(value) => dispatch({ type: 'set', field, value: typedText(value) })}
      />
    </Box>
  );
  const list = (field: 'base' | 'agent' | 'from' | 'runner', items: Array<{ label: string; value: string }>, value: string | null) =>
    s.field === field && items.length > 0 ? (
      <SelectInput
        items={items}
        limit={listLimit}
        initialIndex={Math.max(0, items.findIndex((i) => i.value === value))}
        isFocused={active && !s.busy}
        onSelect={(item) => dispatch({ type: 'pick', field, value: item.value })}
      />
    ) : (
      <Text wrap="truncate-end">{field === 'from' && value === '' ? FRESH : value ?? (field === 'base' && branches === null ? 'loading…' : '(none)')}</Text>
    );

  return (
    <Box flexDirection="column" width={columns} height={rows} overflow="hidden">
      <Text bold color={theme.accent} wrap="truncate-end">
        New task{s.busy ? ' · creating…' : ''}
      </Text>
      {row(
        'text',
        'Task',
        multiLine ? (
          <Text wrap="truncate-end">
            {oneRow(s.text.split('\n')[0] ?? '')} <Text dimColor>(+{s.text.split('\n').length - 1} lines; {keyHint('newTask.editor')} edits)</Text>
          </Text>
        ) : (
          text('text', `what the agent should do (${keyHint('newTask.editor')}: $EDITOR)`)
        ),
      )}
      {row('base', 'Base', list('base', (branches ?? []).map((b) => ({ label: b, value: b })), s.base))}
      {row('agent', 'Agent', list('agent', agents.map((a) => ({ label: `${a.name}  ${a.found ?? a.description}`, value: a.name })), s.agent))}
      {s.agent === 'command' && row('command', 'Command', text('command', 'the shell command that does the task (packet on stdin)'))}
      {s.hasRunners && row('runner', 'Runner', list('runner', [{ label: 'local  this machine', value: 'local' }, ...runners], s.runner))}
      {row('scope', 'Scope', text('scope', 'optional: paths/globs the agent may touch, comma-separated'))}
      {row('checks', 'Check', text('checks', 'optional: a command that must pass, e.g. npm test'))}
      {row('from', 'From', list('from', [{ label: FRESH, value: '' }, ...(branches ?? []).filter((b) => b !== s.base).map((b) => ({ label: `the branch ${b}`, value: b }))], s.from))}
      <Box height={1} width={columns}>
        <Text color={theme.error} wrap="truncate-end">
          {s.error ?? ''}
        </Text>
      </Box>
      <Box flexGrow={1} />
      <Footer screen="newTask" width={columns} />
    </Box>
  );
}
