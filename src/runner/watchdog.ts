// Stops an agent that makes no progress: no output for the idle limit, a step past its hard time limit, or
// any other limit a caller trips (cost, tokens). It kills the agent's process group and keeps the reason.
import { formatDuration } from '../core/format.js';
import { killGroup } from '../store/process-group.js';

export interface WatchdogLimits {
  /** No output for this long stops the agent (config `agentIdleTimeoutMinutes`). */
  idleMs?: number | undefined;
  /** The step may run this long at most (config `budget.stepTimeoutMinutes`). */
  stepMs?: number | undefined;
}

/** Why the watchdog stopped the agent. */
export interface WatchdogTrip {
  /** The config key of the limit: `agentIdleTimeoutMinutes`, `budget.stepTimeoutMinutes`, `budget.maxCostUsd`… */
  limit: string;
  /** One sentence for the trace, `logs` and the task's `failed` reason. */
  reason: string;
  /** What was measured, and the limit, in the limit's own unit (minutes, dollars, tokens). */
  figure: number;
  max: number;
  /** The figure is a cost estimated from prices (budget.maxCostUsd). */
  estimated?: boolean;
}

export interface WatchdogOptions {
  /** Between SIGTERM and SIGKILL of the group. */
  graceMs: number;
  /** Called once, at the trip, before the kill starts (trace it here). */
  onTrip?: (trip: WatchdogTrip) => void;
}

/** setTimeout's largest delay; longer limits re-arm. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * One watchdog per agent process group. Call `activity()` on every chunk of output, `trip()` for a
 * limit of your own, `dispose()` when the agent has exited, then `settled()` before recording the end.
 * The first trip wins; later ones are ignored. Timers never keep the process alive.
 */
export class Watchdog {
  private last = performance.now();
  private readonly started = this.last;
  private idleTimer: NodeJS.Timeout | null = null;
  private stepTimer: NodeJS.Timeout | null = null;
  private killing: Promise<unknown> | null = null;
  private disposed = false;
  /** The trip that stopped the agent, or null. */
  tripped: WatchdogTrip | null = null;

  constructor(
    private readonly pgid: number,
    private readonly limits: WatchdogLimits,
    private readonly opts: WatchdogOptions,
  ) {
    if (valid(limits.idleMs)) this.armIdle(limits.idleMs);
    if (valid(limits.stepMs)) this.armStep(limits.stepMs);
  }

  /** The agent did something (printed output): the idle clock starts again. */
  activity(): void {
    this.last = performance.now();
  }

  /** Stop the agent for this reason (the first trip wins). True when this call tripped it. */
  trip(trip: WatchdogTrip): boolean {
    if (this.tripped || this.disposed) return false;
    this.tripped = trip;
    this.clearTimers();
    try {
      this.opts.onTrip?.(trip);
    } catch (error) {
      process.stderr.write(`wtagents watchdog: recording the trip failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    this.killing = killGroup(this.pgid, this.opts.graceMs).catch(() => 'gone');
    return true;
  }

  /** The agent has exited: no more timers (a kill in progress goes on). */
  dispose(): void {
    this.disposed = true;
    this.clearTimers();
  }

  /** Resolves when a kill in progress is over. */
  async settled(): Promise<void> {
    if (this.killing) await this.killing;
  }

  private armIdle(idleMs: number): void {
    const quiet = performance.now() - this.last;
    if (quiet >= idleMs) {
      this.trip({ limit: 'agentIdleTimeoutMinutes', reason: `no output for ${formatDuration(quiet)} (agentIdleTimeoutMinutes ${minutes(idleMs)}): agent stopped`, figure: round(quiet / 60_000), max: idleMs / 60_000 });
      return;
    }
    this.idleTimer = setTimeout(() => this.armIdle(idleMs), Math.min(MAX_DELAY, Math.ceil(idleMs - quiet)));
    this.idleTimer.unref();
  }

  private armStep(stepMs: number): void {
    const ran = performance.now() - this.started;
    if (ran >= stepMs) {
      this.trip({ limit: 'budget.stepTimeoutMinutes', reason: `step ran ${formatDuration(ran)}, past its limit (budget.stepTimeoutMinutes ${minutes(stepMs)}): agent stopped`, figure: round(ran / 60_000), max: stepMs / 60_000 });
      return;
    }
    this.stepTimer = setTimeout(() => this.armStep(stepMs), Math.min(MAX_DELAY, Math.ceil(stepMs - ran)));
    this.stepTimer.unref();
  }

  private clearTimers(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.stepTimer) clearTimeout(this.stepTimer);
    this.idleTimer = this.stepTimer = null;
  }
}

/** Config minutes → milliseconds (undefined stays undefined: no limit). */
export function minutesToMs(minutes: number | undefined): number | undefined {
  return minutes !== undefined && Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : undefined;
}

function valid(ms: number | undefined): ms is number {
  return ms !== undefined && Number.isFinite(ms) && ms > 0;
}

function minutes(ms: number): string {
  return String(round(ms / 60_000));
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** The limits a run's config sets: `agentIdleTimeoutMinutes` (0: none) and `budget.stepTimeoutMinutes` (unset: none). */
export function watchLimits(config: { agentIdleTimeoutMinutes?: number; budget?: { stepTimeoutMinutes?: number | undefined } }): WatchdogLimits {
  return { idleMs: minutesToMs(config.agentIdleTimeoutMinutes), stepMs: minutesToMs(config.budget?.stepTimeoutMinutes) };
}
