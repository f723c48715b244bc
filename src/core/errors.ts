// Errors meant for the user: printed as one line without a stack trace, with a chosen exit code. Messages
// carry file names and git's output, so terminal control sequences are stripped from what is printed.
import { plural } from './format.js';
import { firstTextLine, singleLine, stripControl } from './terminal-text.js';

/** A failure the user can act on (bad input, refused action). Exit code 1 unless said otherwise. */
export class UserError extends Error {
  readonly exitCode: number;
  /** Lines printed under the message, one each, cut (git's own output, line by line). */
  details: string[] = [];
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }

  withDetails(lines: readonly string[]): this {
    this.details = lines.map((l) => singleLine(l)).filter((l) => l !== '');
    return this;
  }
}

/** Detail lines shown under an error: at most this many, each cut to DETAIL_WIDTH characters. */
export const DETAIL_LINES = 12;
const DETAIL_WIDTH = 240;

function detailText(error: unknown): string {
  if (!(error instanceof UserError) || error.details.length === 0) return '';
  const shown = error.details.slice(0, DETAIL_LINES).map((l) => `  ${l.length > DETAIL_WIDTH ? `${l.slice(0, DETAIL_WIDTH - 1)}…` : l}\n`);
  const more = error.details.length - DETAIL_LINES;
  return shown.join('') + (more > 0 ? `  (${plural(more, 'more line')})\n` : '');
}

/** Wrong use of the command line (unknown flag, missing argument): exit code 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** The one line shown for any error: user errors as written, anything else prefixed by its kind. */
export function errorLine(error: unknown): string {
  if (error instanceof UserError) return stripControl(error.message);
  if (error instanceof Error) return `${error.name === 'Error' ? 'error' : error.name}: ${firstTextLine(stripControl(error.message))}`;
  return `error: ${stripControl(String(error))}`;
}


/** WTAGENTS_DEBUG asks for stack traces: any value but "", "0" or "false". */
export function debugEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const v = env.WTAGENTS_DEBUG;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

export interface ErrorReport {
  /** What goes to stderr: one line, then the stack only when debugging. Ends with a newline. */
  text: string;
  exitCode: number;
}

/**
 * How the CLI reports an error that reached the top: `wtagents: <one line>`; a user error exits with its code
 * (1, or 2 for usage), anything else with 1 and a hint that WTAGENTS_DEBUG=1 shows where it came from.
 */
export function errorReport(error: unknown, opts: { debug: boolean; prefix?: string }): ErrorReport {
  const user = error instanceof UserError;
  const hint = user || opts.debug ? '' : ' (WTAGENTS_DEBUG=1 shows the stack)';
  let text = `${opts.prefix ?? 'wtagents:'} ${singleLine(errorLine(error))}${hint}
${detailText(error)}`;
  if (opts.debug && error instanceof Error && error.stack) text += `${stripControl(error.stack)}\n`;
  return { text, exitCode: user ? error.exitCode : 1 };
}

