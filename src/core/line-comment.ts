// Line comments on a review's diff (pure): the record (file, line, side, the code lines around it), how one
// is made from a diff line, how `FILE:LINE:TEXT` is read, and the text the next packet quotes them in.
import { z } from 'zod';
import type { DiffLine } from './diff-parse.js';

export const LineComment = z.object({
  file: z.string().min(1),
  line: z.number().int().positive(),
  /** `new`: a line of the branch's version (added or context); `old`: a removed line of the base's. */
  side: z.enum(['new', 'old']),
  text: z.string(),
  /** The commented line with up to two lines of context either side, as diff lines (`+`, `-`, ` `). */
  code: z.array(z.string()),
  /** The index of the commented line within `code`. */
  at: z.number().int().nonnegative(),
  hunk: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LineComment = z.infer<typeof LineComment>;

export const CommentsFile = z.object({ v: z.literal(1), comments: z.array(LineComment) });
export type CommentsFile = z.infer<typeof CommentsFile>;

const CONTEXT = 2;

/** The place a diff line stands for, or null for headers and notes (nothing to comment on). */
export function lineTarget(l: DiffLine): { line: number; side: 'new' | 'old' } | null {
  if ((l.kind === 'add' || l.kind === 'ctx') && l.newNo !== undefined) return { line: l.newNo, side: 'new' };
  if (l.kind === 'del' && l.oldNo !== undefined) return { line: l.oldNo, side: 'old' };
  return null;
}

/** A comment's place and code taken from the diff line at `index` (null when that row is not a code line). */
export function commentAt(file: string, lines: readonly DiffLine[], index: number, text: string, now = new Date().toISOString()): LineComment | null {
  const l = lines[index];
  const target = l ? lineTarget(l) : null;
  if (!target) return null;
  const code: string[] = [];
  let at = 0;
  for (let i = Math.max(0, index - CONTEXT); i <= Math.min(lines.length - 1, index + CONTEXT); i++) {
    const c = lines[i]!;
    if (c.kind !== 'add' && c.kind !== 'del' && c.kind !== 'ctx') continue;
    if (i === index) at = code.length;
    code.push(c.text);
  }
  let hunk: string | undefined;
  for (let i = index; i >= 0; i--) if (lines[i]!.kind === 'hunk') {
    hunk = lines[i]!.text;
    break;
  }
  return { file, ...target, text, code, at, ...(hunk ? { hunk } : {}), createdAt: now, updatedAt: now };
}

/** `FILE:LINE:TEXT` (the file may hold colons; the first `:<digits>:` ends it). */
export function parseCommentArg(arg: string): { file: string; line: number; text: string } | null {
  const m = /^(.+?):(\d+):([\s\S]*)$/.exec(arg);
  if (!m || Number(m[2]) < 1) return null;
  return { file: m[1]!, line: Number(m[2]), text: m[3]!.trim() };
}

/** Add or replace (same file, line and side) a comment; an empty text removes it. */
export function upsertComment(list: readonly LineComment[], c: LineComment): LineComment[] {
  const same = (o: LineComment) => o.file === c.file && o.line === c.line && o.side === c.side;
  const old = list.find(same);
  const rest = list.filter((o) => !same(o));
  if (c.text.trim() === '') return rest;
  const next = old ? { ...c, createdAt: old.createdAt } : c;
  return [...rest, next].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** `src/a.ts:12` (`:12 (removed)` for a line of the old version). */
export function commentPlace(c: LineComment): string {
  return `${c.file}:${c.line}${c.side === 'old' ? ' (removed line)' : ''}`;
}

/** The comments as the next packet quotes them: file:line, the code (the commented line marked), the note. */
export function commentsText(list: readonly LineComment[]): string {
  if (list.length === 0) return '';
  const out: string[] = [`Line comments from the reviewer (${list.length}):`];
  for (const c of list) {
    const fence = c.code.some((l) => l.includes('```')) ? '````' : '```';
    out.push('', `- ${commentPlace(c)}`, `  ${fence}diff`);
    c.code.forEach((l, i) => out.push(`  ${l}${i === c.at ? '   ◀' : ''}`));
    out.push(`  ${fence}`, ...c.text.split('\n').map((l) => `  > ${l}`));
  }
  return out.join('\n');
}

/** Indices of the diff lines of `file` that have a comment. */
export function commentedLines(list: readonly LineComment[], file: string | undefined, lines: readonly DiffLine[] | null): Set<number> {
  const out = new Set<number>();
  if (!file || !lines) return out;
  const mine = list.filter((c) => c.file === file);
  if (mine.length === 0) return out;
  lines.forEach((l, i) => {
    const t = lineTarget(l);
    if (t && mine.some((c) => c.line === t.line && c.side === t.side)) out.add(i);
  });
  return out;
}
