// What an agent's tool call is (shell command, file edit, other), its one-row target, and the paths it edits.
import { arr, isObj, shortLabel, str, type Obj } from './values.js';

export type ToolKind = 'shell' | 'edit' | 'other';

const SHELL = new Set(['bash', 'shell', 'run_shell_command', 'shelltoolcall', 'shell_command', 'run_terminal_cmd', 'terminal', 'exec', 'local_shell']);
const EDIT = new Set([
  'edit', 'write', 'multiedit', 'notebookedit', 'write_file', 'replace', 'create', 'create_file', 'edit_file',
  'str_replace', 'str_replace_editor', 'str_replace_based_edit_tool', 'insert', 'apply_patch', 'patch',
  'writetoolcall', 'edittoolcall', 'deletetoolcall', 'delete', 'delete_file', 'multi_edit',
]);

/** Tool names compare without case, so `Bash`, `bash` and `shellToolCall` all match. */
export function toolKind(name: string): ToolKind {
  const n = name.toLowerCase();
  if (SHELL.has(n)) return 'shell';
  if (EDIT.has(n)) return 'edit';
  return 'other';
}

const PATH_KEYS = ['file_path', 'filePath', 'path', 'notebook_path', 'absolute_path', 'file', 'filename', 'target_file'];
const TARGET_KEYS = [...PATH_KEYS, 'command', 'cmd', 'pattern', 'query', 'url', 'prompt', 'description'];

/** The command line of a shell tool's input: `command` as a string or an argv array. */
export function commandOf(input: unknown): string | undefined {
  if (typeof input === 'string') return input;
  if (!isObj(input)) return undefined;
  for (const key of ['command', 'cmd']) {
    const v = input[key];
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && v.every((w) => typeof w === 'string')) return v.join(' ');
  }
  return undefined;
}

/** A short label for one row: the file path, command, pattern or URL a tool works on. */
export function toolTarget(input: unknown): string | undefined {
  if (typeof input === 'string') return input.trim() === '' ? undefined : shortLabel(input);
  if (!isObj(input)) return undefined;
  const cmd = commandOf(input);
  for (const key of TARGET_KEYS) {
    const v = key === 'command' || key === 'cmd' ? cmd : str(input[key]);
    if (v !== undefined && v.trim() !== '') return shortLabel(v);
  }
  return undefined;
}

/** The files an edit tool's input names: path keys, `edits[].path`, and apply_patch headers. */
export function editedPaths(input: unknown): string[] {
  const out = new Set<string>();
  const visit = (o: Obj) => {
    for (const key of PATH_KEYS) {
      const v = str(o[key]);
      if (v && v.trim() !== '') out.add(v);
    }
  };
  if (isObj(input)) {
    visit(input);
    for (const e of arr(input.edits)) if (isObj(e)) visit(e);
    for (const key of ['patch', 'input', 'patchText']) {
      const text = str(input[key]);
      if (text) for (const p of patchPaths(text)) out.add(p);
    }
  } else if (typeof input === 'string') {
    for (const p of patchPaths(input)) out.add(p);
  }
  return [...out];
}

/** Paths in an apply_patch text: `*** Update File: a.ts`, `*** Add File: …`, `*** Delete File: …`. */
export function patchPaths(text: string): string[] {
  const out: string[] = [];
  const re = /^\*\*\* (?:Update|Add|Delete) File: (.+)$/gm;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m[1]!.trim());
  return out;
}

/**
 * An exit code a CLI states in a shell tool's output: a line of its own (`Exit code 2` from Claude,
 * `Exit Code: 1` from Gemini) near the start or the end, or Copilot's closing `<exited with exit code 0>`.
 * Numbers inside the command's own output ("expected exit code 3") are not taken.
 */
export function exitCodeIn(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const end = text.length > 4096 ? text.slice(-4096) : text;
  const closing = /<exited with exit code (-?\d{1,3})>\s*$/.exec(end);
  if (closing) return Number(closing[1]);
  const line = /^(?:Exit code|Exit Code:)[ \t]*(-?\d{1,3})[ \t]*\r?$/m;
  const m = line.exec(text.slice(0, 256)) ?? (text.length > 256 ? line.exec(end) : null);
  return m ? Number(m[1]) : undefined;
}
