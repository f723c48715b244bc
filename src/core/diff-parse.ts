// Pure git diff parsing: `--raw --numstat -z` file lists (renames, binaries) and unified diffs → typed lines.

export type FileStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T' | 'U' | 'X';

/** One changed file of a diff, as the file list shows it. */
export interface DiffFile {
  /** The path after the change (for a deletion: the deleted path). */
  path: string;
  /** The path before a rename or copy. */
  oldPath?: string;
  status: FileStatus;
  /** Rename/copy similarity, 0–100. */
  similarity?: number;
  added: number;
  removed: number;
  binary: boolean;
  /** Blob of the new side (all zeros for a deletion), when known from --raw. */
  newSha?: string;
  newMode?: string;
  /** Set on a file from a list made without `--numstat`: added/removed are not known yet (0). */
  uncounted?: true;
}

interface RawEntry {
  status: FileStatus;
  similarity?: number;
  newSha: string;
  newMode: string;
  path: string;
  oldPath?: string;
}

interface NumstatEntry {
  added: number;
  removed: number;
  binary: boolean;
  path: string;
  oldPath?: string;
}

/**
 * Parse the output of `git diff --raw --numstat -z` (either part may be absent). Raw and numstat
 * records come in the same order, so the n-th of each describe the same file.
 */
export function parseDiffList(text: string): DiffFile[] {
  const fields = text.split('\0');
  const raw: RawEntry[] = [];
  const num: NumstatEntry[] = [];
  let i = 0;
  for (; i < fields.length && fields[i]!.startsWith(':'); i++) {
    const meta = fields[i]!.slice(1).split(' ');
    const code = meta[4] ?? 'M';
    const status = (code[0] ?? 'M') as FileStatus;
    const entry: RawEntry = { status, newMode: meta[1] ?? '', newSha: meta[3] ?? '', path: fields[++i] ?? '' };
    if (code.length > 1) entry.similarity = Number(code.slice(1));
    if (status === 'R' || status === 'C') {
      entry.oldPath = entry.path;
      entry.path = fields[++i] ?? '';
    }
    raw.push(entry);
  }
  for (; i < fields.length; i++) {
    const f = fields[i]!;
    if (f === '') continue;
    const t1 = f.indexOf('\t');
    const t2 = f.indexOf('\t', t1 + 1);
    if (t1 < 0 || t2 < 0) continue;
    const a = f.slice(0, t1);
    const d = f.slice(t1 + 1, t2);
    const binary = a === '-' && d === '-';
    const entry: NumstatEntry = { added: binary ? 0 : Number(a) || 0, removed: binary ? 0 : Number(d) || 0, binary, path: f.slice(t2 + 1) };
    if (entry.path === '') {
      entry.oldPath = fields[++i] ?? '';
      entry.path = fields[++i] ?? '';
    }
    num.push(entry);
  }
  const count = Math.max(raw.length, num.length);
  const files: DiffFile[] = [];
  for (let k = 0; k < count; k++) {
    const r = raw[k];
    const n = num[k];
    const oldPath = r?.oldPath ?? n?.oldPath;
    const file: DiffFile = {
      path: r?.path ?? n?.path ?? '',
      status: r?.status ?? (n?.oldPath !== undefined ? 'R' : 'M'),
      added: n?.added ?? 0,
      removed: n?.removed ?? 0,
      binary: n?.binary ?? false,
    };
    if (oldPath !== undefined) file.oldPath = oldPath;
    if (r?.similarity !== undefined) file.similarity = r.similarity;
    if (r) {
      file.newSha = r.newSha;
      file.newMode = r.newMode;
    }
    files.push(file);
  }
  return files;
}

export interface DiffTotals {
  files: number;
  added: number;
  removed: number;
}

export function diffTotals(files: readonly DiffFile[]): DiffTotals {
  let added = 0;
  let removed = 0;
  for (const f of files) {
    added += f.added;
    removed += f.removed;
  }
  return { files: files.length, added, removed };
}

/** The file list's label for a file: `old → new` for renames and copies. */
export function fileLabel(f: DiffFile): string {
  return f.oldPath !== undefined && f.oldPath !== f.path ? `${f.oldPath} → ${f.path}` : f.path;
}

export type LineKind = 'file' | 'meta' | 'hunk' | 'add' | 'del' | 'ctx' | 'note';

/** One line of a unified diff, typed for colouring, with its line numbers in the old and new file. */
export interface DiffLine {
  kind: LineKind;
  text: string;
  oldNo?: number;
  newNo?: number;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Type every line of a unified diff (`git diff` output, one or many files). Hunk line counts decide
 * where a hunk ends, so a removed line that reads `--- x` is never taken for a header.
 */
export function parseUnifiedDiff(text: string): DiffLine[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: DiffLine[] = new Array(lines.length);
  let oldLeft = 0;
  let newLeft = 0;
  let oldNo = 0;
  let newNo = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (oldLeft > 0 || newLeft > 0) {
      const c = text.charCodeAt(0);
      if (c === 43 /* + */) {
        out[i] = { kind: 'add', text, newNo: newNo++ };
        newLeft--;
        continue;
      }
      if (c === 45 /* - */) {
        out[i] = { kind: 'del', text, oldNo: oldNo++ };
        oldLeft--;
        continue;
      }
      if (c === 32 /* space */ || text === '') {
        out[i] = { kind: 'ctx', text, oldNo: oldNo++, newNo: newNo++ };
        oldLeft--;
        newLeft--;
        continue;
      }
      if (c === 92 /* \ */) {
        out[i] = { kind: 'note', text };
        continue;
      }
      oldLeft = newLeft = 0; // a malformed hunk: fall through to header parsing
    }
    if (text.startsWith('diff --git ') || text.startsWith('diff --cc ') || text.startsWith('diff --combined ')) {
      out[i] = { kind: 'file', text };
      continue;
    }
    const m = HUNK.exec(text);
    if (m) {
      oldNo = Number(m[1]);
      oldLeft = m[2] === undefined ? 1 : Number(m[2]);
      newNo = Number(m[3]);
      newLeft = m[4] === undefined ? 1 : Number(m[4]);
      out[i] = { kind: 'hunk', text };
      continue;
    }
    out[i] = { kind: text.startsWith('\\') ? 'note' : 'meta', text };
  }
  return out;
}

/** A unified diff cut into one section per file (in the order git wrote them). */
export interface PatchSection {
  /** The new path from the headers (the old one for deletions); null when it could not be read. */
  path: string | null;
  lines: DiffLine[];
}

export function splitPatch(lines: readonly DiffLine[]): PatchSection[] {
  const sections: PatchSection[] = [];
  let current: PatchSection | null = null;
  let oldPath: string | null = null;
  for (const line of lines) {
    if (line.kind === 'file') {
      current = { path: null, lines: [] };
      oldPath = null;
      sections.push(current);
    }
    if (!current) continue;
    current.lines.push(line);
    if (line.kind !== 'meta') continue;
    const t = line.text;
    if (t.startsWith('+++ ')) current.path = headerPath(t.slice(4)) ?? oldPath ?? current.path;
    else if (t.startsWith('--- ')) oldPath = headerPath(t.slice(4));
    else if (t.startsWith('rename to ') || t.startsWith('copy to ')) current.path = unquotePath(t.slice(t.indexOf(' to ') + 4));
    else if (current.path === null && t.startsWith('Binary files ')) current.path = binaryPath(t);
  }
  for (const s of sections) if (s.path === null) s.path = gitLinePath(s.lines[0]?.text ?? '');
  return sections;
}

function headerPath(spec: string): string | null {
  const p = unquotePath(spec.replace(/\t$/, ''));
  if (p === '/dev/null') return null;
  return stripPrefix(p);
}

function stripPrefix(p: string): string {
  const slash = p.indexOf('/');
  return slash > 0 && slash <= 2 ? p.slice(slash + 1) : p;
}

function binaryPath(t: string): string | null {
  const m = / and (.*) differ$/.exec(t);
  if (!m) return null;
  const p = unquotePath(m[1]!);
  return p === '/dev/null' ? null : stripPrefix(p);
}

function gitLinePath(t: string): string | null {
  const m = /^diff --git (?:"(?:[^"\\]|\\.)*"|\S+) (.*)$/.exec(t);
  return m ? stripPrefix(unquotePath(m[1]!)) : null;
}

/** Undo git's C-style quoting of a path ("t\303\251st\tx" → tést<TAB>x); unquoted text is returned as is. */
export function unquotePath(text: string): string {
  if (!(text.startsWith('"') && text.endsWith('"') && text.length >= 2)) return text;
  const body = text.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
