// A run's private scratch directory (outside the task directory): the packet the agent may read
// (WTAGENTS_PACKET points here, never into the task directory) and the sanitised git config a sandboxed
// agent sees instead of the user's. Removed when the run ends.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { globalConfigValue } from '../git/config.js';

export interface RunScratch {
  dir: string;
  packet: string;
  gitConfig: string;
  dispose(): void;
}

/** Git settings a sandboxed agent keeps from the user's global config (what commits need); the rest is not shown. */
const KEPT = ['user.name', 'user.email', 'core.autocrlf', 'core.eol', 'init.defaultBranch'];

export async function makeScratch(packet: string, cwd: string): Promise<RunScratch> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wtagents-run-'));
  const copy = path.join(dir, path.basename(packet));
  copyFileSync(packet, copy);
  const gitConfig = path.join(dir, 'gitconfig');
  const lines: string[] = [];
  for (const key of KEPT) {
    const value = (await globalConfigValue(cwd, key))?.trim();
    if (value) lines.push(`[${key.slice(0, key.indexOf('.'))}]\n\t${key.slice(key.indexOf('.') + 1)} = ${JSON.stringify(value)}`);
  }
  writeFileSync(gitConfig, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return { dir, packet: copy, gitConfig, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
