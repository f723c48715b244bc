// Writing text in the user's $VISUAL / $EDITOR: a temp file, the editor in the foreground, the text back.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../core/errors.js';

/** The editor command line the user chose (`code -w`, `vim`), or vi. */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return (env.VISUAL || env.EDITOR || 'vi').trim();
}

/**
 * Open `initial` in the editor (it gets the terminal) and return the saved text, or null when the
 * editor failed. The editor command is the user's own setting; the file name goes in as "$1", quoted.
 */
export function editText(initial: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wtagents-edit-'));
  const file = path.join(dir, 'TASK.md');
  try {
    writeFileSync(file, initial);
    const r = spawnSync('/bin/sh', ['-c', `${editorCommand(env)} "$1"`, 'sh', file], { stdio: 'inherit', env });
    if (r.error) throw new UserError(`could not start the editor: ${r.error.message}`);
    if (r.status !== 0) return null;
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
