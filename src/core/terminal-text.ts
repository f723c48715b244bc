// Text helpers, in one place: untrusted text made safe to show (the one definition of a terminal control
// sequence — 7-bit ESC and 8-bit C1 forms — so an agent cannot retitle, clear or hijack the terminal),
// one-line forms of text, and cutting to a width with an ellipsis.

const ESC = 0x1b;
const BEL = 0x07;
/** 8-bit string introducers: DCS, SOS, OSC, PM, APC (ended by ST 0x9c or BEL). */
const C1_STRINGS = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]);
/** Characters worth a second look: C0 (but tab, newline), DEL, C1, bidi overrides that reorder text. */
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Skip bytes in [lo, hi] from j. */
function skipRange(text: string, j: number, lo: number, hi: number): number {
  while (j < text.length && text.charCodeAt(j) >= lo && text.charCodeAt(j) <= hi) j++;
  return j;
}

/** CSI body from j: parameter bytes, intermediate bytes, then one final byte if there is one. */
function skipCsiBody(text: string, j: number): number {
  j = skipRange(text, skipRange(text, j, 0x30, 0x3f), 0x20, 0x2f);
  const c = text.charCodeAt(j);
  return c >= 0x40 && c <= 0x7e ? j + 1 : j;
}

/** A control string from j up to and including its terminator (BEL or ST), or to the end. */
function skipString(text: string, j: number, eightBit: boolean): number {
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BEL || (eightBit && c === 0x9c)) return j + 1;
    if (c === ESC && text[j + 1] === '\\') return j + 2;
  }
  return j;
}

/**
 * The index just after the control sequence starting at `i`, or `i` when none starts there. Sequences:
 * CSI (ESC [ or 0x9b, then parameters and a final byte), control strings (ESC ] P X ^ _ or 8-bit DCS, SOS,
 * OSC, PM, APC, up to BEL or ST), and two-character escapes (ESC + intermediates + one final byte).
 */
export function controlSequenceEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x9b) return skipCsiBody(text, i + 1);
  if (C1_STRINGS.has(c)) return skipString(text, i + 1, true);
  if (c !== ESC) return i;
  const next = text[i + 1];
  if (next === '[') return skipCsiBody(text, i + 2);
  if (next === ']' || next === 'P' || next === 'X' || next === '^' || next === '_') return skipString(text, i + 2, false);
  const j = skipRange(text, i + 1, 0x20, 0x2f);
  const f = text.charCodeAt(j);
  return f >= 0x30 && f <= 0x7e ? j + 1 : j;
}

/** True for a character never shown: C0 but tab and newline, DEL, C1, bidi overrides. */
export function isControlChar(code: number): boolean {
  return (code < 0x20 && code !== 9 && code !== 10) || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** Remove every terminal control sequence and control character (7-bit and 8-bit); keeps tabs and newlines. */
export function stripControl(text: string): string {
  if (!SUSPECT.test(text)) return text;
  let out = '';
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const end = controlSequenceEnd(text, i);
    const skip = end > i ? end : isControlChar(text.charCodeAt(i)) ? i + 1 : i;
    if (skip === i) {
      i++;
      continue;
    }
    out += text.slice(from, i);
    i = from = skip;
  }
  return out + text.slice(from);
}

/** Typed text for a one-line box: control sequences removed, and tabs and line breaks (merged key presses deliver them) replaced by `by`. */
export function typedText(text: string, by = ''): string {
  return stripControl(text).replace(/[\t\n]/g, by);
}

/** One display row: control sequences removed, tabs as spaces, every line break and run of blanks as one space. */
export function oneRow(text: string): string {
  return stripControl(text).replace(/\s+/g, ' ').trim();
}

/** Text on one line, safe for a terminal: control sequences removed, line breaks (and the blanks around them) one space; other spacing kept. */
export function singleLine(text: string): string {
  return stripControl(text).trim().replace(/\s*\n\s*/g, ' ');
}

/** The first non-blank line of a text, trimmed ('' when there is none). */
export function firstTextLine(text: string): string {
  return text.split(/\r?\n|\r/).map((l) => l.trim()).find((l) => l !== '') ?? '';
}

/** Cut to at most `width` characters (code points), ending with … when cut. */
export function cut(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text;
  return width === 1 ? '…' : `${chars.slice(0, width - 1).join('')}…`;
}
