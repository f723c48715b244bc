// A wait for a cross-process lock, as the waiter reports it while it lasts (what is busy, who holds it).

export interface LockWait {
  what: string;
  /** The holder's pid; null when the lock file cannot be read (an owner mid-write, or damaged). */
  pid: number | null;
  file: string;
}

/** "waiting for another merge in this repository held by pid 123" */
export function lockWaitText(w: LockWait): string {
  return `waiting for ${w.what} held by ${w.pid !== null ? `pid ${w.pid}` : 'another wtagents process'}`;
}
