// Whether text output may use colour (NO_COLOR, FORCE_COLOR, TERM=dumb, a TTY), and plain ANSI styles that
// honour that decision. The CLI and the TUI theme both ask `colorEnabled`, so they never disagree. And the
// colour of each kind of diff line, for the TUI's theme and the review's first paint alike.

import type { LineKind } from './diff-parse.js';

export interface ColorContext {
  /** The environment to read NO_COLOR, FORCE_COLOR and TERM from. */
  env: Readonly<Record<string, string | undefined>>;
  /** Whether the stream the text goes to is a terminal. */
  isTTY: boolean;
}

/**
 * May text written to this stream be coloured? In order: NO_COLOR set to anything but "" → never
 * (no-color.org); FORCE_COLOR "0"/"false" → never, any other value (even "") → yes, terminal or not;
 * TERM=dumb → never; otherwise only on a terminal.
 */
export function colorEnabled({ env, isTTY }: ColorContext): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** The decision for one of this process's streams. */
export function streamColorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return colorEnabled({ env, isTTY: stream.isTTY === true });
}

export type Style = (text: string) => string;

/** A diff line's colour by its kind (added green, removed red, hunk headers cyan, file headers yellow): the TUI's theme and the review's first paint. */
export const DIFF_KIND_COLOR: Readonly<Record<LineKind, 'yellow' | 'cyan' | 'green' | 'red' | undefined>> = {
  file: 'yellow',
  meta: undefined,
  hunk: 'cyan',
  add: 'green',
  del: 'red',
  ctx: undefined,
  note: undefined,
};

export interface Styles {
  readonly enabled: boolean;
  bold: Style;
  dim: Style;
  red: Style;
  green: Style;
  yellow: Style;
  cyan: Style;
}

const sgr = (open: number, close: number): Style => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Style = (text) => text;

/** ANSI styles when `enabled`, else functions that return the text unchanged. */
export function styles(enabled: boolean): Styles {
  if (!enabled) return { enabled, bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return { enabled, bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) };
}
