// Process groups of agents and commands: who is in one (from /proc), signalling it, killing it with a grace period.
import { readdirSync, readFileSync } from 'node:fs';

/** Live (non-zombie) pids whose process group is `pgid`. */
export function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return signalGroup(pgid, 0) ? [pgid] : [];
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && Number(fields[2]) === pgid) out.push(Number(name));
    } catch {
      // the process went away while we looked
    }
  }
  return out;
}

/** Send `signal` to every process of the group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  if (!Number.isInteger(pgid) || pgid <= 1) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

export type KillOutcome = 'gone' | 'terminated' | 'killed';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait until the group has no live member, up to `ms`; true when it is empty. */
export async function waitGroupEmpty(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (groupMembers(pgid).length === 0) return true;
    if (Date.now() >= deadline) return false;
    await sleep(25);
  }
}

/** SIGTERM the whole group, SIGKILL whatever is left after `graceMs`; resolves once it is empty. */
export async function killGroup(pgid: number, graceMs: number): Promise<KillOutcome> {
  if (groupMembers(pgid).length === 0) return 'gone';
  signalGroup(pgid, 'SIGTERM');
  if (await waitGroupEmpty(pgid, graceMs)) return 'terminated';
  signalGroup(pgid, 'SIGKILL');
  await waitGroupEmpty(pgid, 5000);
  return 'killed';
}
