// The supervisor's side of `stop`: SIGTERM/SIGINT/SIGHUP mark the run stopped and kill whatever process
// group (agent, setup or check command) is running, SIGTERM first and SIGKILL after the grace period.
import { killGroup, type KillOutcome } from '../store/process-group.js';

export class StopControl {
  requested = false;
  signal: NodeJS.Signals | null = null;
  private current: number | null = null;
  private killing: Promise<KillOutcome> | null = null;

  constructor(private graceMs: number) {}

  setGrace(ms: number): void {
    this.graceMs = ms;
  }

  /** Between SIGTERM and SIGKILL of a group (config `stopGraceSeconds`). */
  get grace(): number {
    return this.graceMs;
  }

  /** Listen for the stop signals (for the rest of this process). */
  install(): void {
    for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(sig, () => this.request(sig));
  }

  request(sig: NodeJS.Signals = 'SIGTERM'): void {
    if (this.requested) return;
    this.requested = true;
    this.signal = sig;
    if (this.current !== null) this.kill(this.current);
  }

  /** The process group now running; killed at once if a stop came first. */
  track(pgid: number): void {
    this.current = pgid;
    if (this.requested) this.kill(pgid);
  }

  /** Kill the tracked group now (the supervisor is failing) and wait until it is gone. */
  async abort(): Promise<void> {
    if (this.current !== null && this.killing === null) this.kill(this.current);
    await this.settled();
  }

  untrack(): void {
    this.current = null;
  }

  /** Resolves when a kill in progress is over. */
  async settled(): Promise<void> {
    if (this.killing) await this.killing;
    this.killing = null;
  }

  private kill(pgid: number): void {
    this.killing = killGroup(pgid, this.graceMs);
  }
}
