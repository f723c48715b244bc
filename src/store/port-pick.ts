// Picking a task's WTAGENTS_PORT at creation: its hashed port if nothing listens there, else the next free
// one in the range (checked by binding 127.0.0.1 and ::1 for a moment). Recorded in task.json, so it stays.
import net from 'node:net';
import { portCandidates, DEFAULT_PORTS } from '../core/port.js';

function free(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'EADDRNOTAVAIL' || e.code === 'EAFNOSUPPORT'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first free port for `id` (its hashed one when free); its hashed port when none of the first 50 is. */
export async function pickPort(id: string, range: { from: number; to: number } = DEFAULT_PORTS, taken: ReadonlySet<number> = new Set()): Promise<number> {
  const candidates = portCandidates(id, range);
  for (const p of candidates) {
    if (taken.has(p)) continue;
    if ((await free(p, '127.0.0.1')) && (await free(p, '::1'))) return p;
  }
  return candidates[0]!;
}
