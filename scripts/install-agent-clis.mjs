#!/usr/bin/env node
// Installs the pinned real agent CLIs (scripts/agent-clis.json) into a cache directory outside the package,
// keyed by a hash of the versions, and prints the directory whose `node_modules/.bin` holds them.
// Idempotent: an existing complete install is reused. WTAGENTS_AGENT_CLIS_DIR overrides the cache root.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The pinned list, the install directory for it and the bin directory inside. */
export function agentClisLocation() {
  const pins = JSON.parse(readFileSync(join(here, 'agent-clis.json'), 'utf8'));
  const spec = Object.entries(pins.packages).map(([name, version]) => `${name}@${version}`).sort();
  const hash = createHash('sha256').update(spec.join('\n')).digest('hex').slice(0, 12);
  const root = process.env.WTAGENTS_AGENT_CLIS_DIR || join(homedir(), '.cache', 'wtagents', 'agent-clis');
  const dir = join(root, hash);
  return { pins, spec, dir, binDir: join(dir, 'node_modules', '.bin'), marker: join(dir, '.installed') };
}

/** Installs when the marker is missing; returns the location. */
export function installAgentClis({ quiet = false } = {}) {
  const loc = agentClisLocation();
  if (existsSync(loc.marker)) return loc;
  const staging = `${loc.dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'wtagents-agent-clis', private: true }, null, 2));
  if (!quiet) process.stderr.write(`installing ${loc.spec.join(' ')} into ${loc.dir}\n`);
  const res = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', ...loc.spec], {
    cwd: staging,
    stdio: quiet ? 'ignore' : ['ignore', 'inherit', 'inherit'],
  });
  if (res.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`npm install of the agent CLIs failed (exit ${res.status ?? res.signal})`);
  }
  for (const bin of Object.values(loc.pins.bins)) {
    if (!existsSync(join(staging, 'node_modules', '.bin', bin))) throw new Error(`installed, but no ${bin} binary`);
  }
  writeFileSync(join(staging, '.installed'), `${loc.spec.join('\n')}\n`);
  rmSync(loc.dir, { recursive: true, force: true });
  mkdirSync(dirname(loc.dir), { recursive: true });
  renameSync(staging, loc.dir);
  return loc;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const loc = installAgentClis();
    process.stdout.write(`${loc.binDir}\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
