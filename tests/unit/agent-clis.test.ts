// The pinned real agent CLIs: exact versions in one file, a cache outside the package keyed by them, idempotent install.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentClisLocation, installAgentClis } from '../../scripts/install-agent-clis.mjs';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';

const saved = process.env.WTAGENTS_AGENT_CLIS_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.WTAGENTS_AGENT_CLIS_DIR;
  else process.env.WTAGENTS_AGENT_CLIS_DIR = saved;
});

describe('agent CLI pins', () => {
  it('pins exact versions of the four CLIs, never as dependencies of wtagents', () => {
    const loc = agentClisLocation();
    expect(Object.keys(loc.pins.packages).sort()).toEqual(['@anthropic-ai/claude-code', '@google/gemini-cli', '@openai/codex', 'opencode-ai']);
    for (const v of Object.values(loc.pins.packages)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const name of Object.keys(loc.pins.packages)) expect({ ...pkg.dependencies, ...pkg.devDependencies }[name]).toBeUndefined();
  });

  it('installs into a directory keyed by the versions under the cache root (overridable), and reuses a complete install', () => {
    const root = tempDir('clis-');
    process.env.WTAGENTS_AGENT_CLIS_DIR = root;
    const loc = agentClisLocation();
    expect(path.dirname(loc.dir)).toBe(root);
    expect(path.basename(loc.dir)).toMatch(/^[0-9a-f]{12}$/);
    expect(loc.binDir).toBe(path.join(loc.dir, 'node_modules', '.bin'));
    // A complete install (its marker) is reused as is: nothing is fetched.
    mkdirSync(loc.dir, { recursive: true });
    writeFileSync(loc.marker, 'done\n');
    expect(installAgentClis({ quiet: true }).dir).toBe(loc.dir);
  });
});
