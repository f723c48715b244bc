// Coalescing bursts: many calls within a window become one call at its end (at most one per `intervalMs`).

export interface Coalescer {
  /** Ask for a call; the first after a quiet period runs on the next tick, later ones wait for the window. */
  request(): void;
  /** Drop a pending call. */
  cancel(): void;
}

export function coalesce(fn: () => void, intervalMs: number): Coalescer {
  let timer: NodeJS.Timeout | null = null;
  let last = -Infinity;
  const fire = () => {
    timer = null;
    last = Date.now();
    fn();
  };
  return {
    request() {
      if (timer !== null) return;
      const wait = Math.max(0, last + intervalMs - Date.now());
      timer = setTimeout(fire, wait);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
