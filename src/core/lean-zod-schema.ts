// The base of src/core/lean-zod.ts (zod's API as far as wtagents' schemas use it): the issues and their
// words as zod's English messages put them, ZodError, and the Schema class every lean schema extends with
// safeParse/parse and the wrappers and checks any schema has (optional, nullable, default, min, max).
export interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: Issue[][];
  /** A check's issue (the value had the right type): a union reports the one branch failing only such issues. */
  continue?: boolean;
}
export type Result = { ok: true; value: unknown } | { ok: false; issues: Issue[] };
export type Check = (v: never) => Issue | null;

export const OK = (value: unknown): Result => ({ ok: true, value });
export const issue = (code: string, message: string, extra: Partial<Issue> = {}): Issue => ({ code, path: [], message, ...extra });
const received = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isNaN(v) ? 'NaN' : typeof v);
export const typeIssue = (expected: string, v: unknown): Result => ({ ok: false, issues: [issue('invalid_type', `Invalid input: expected ${expected}, received ${received(v)}`, { expected } as Partial<Issue>)] });
export const under = (key: PropertyKey, issues: Issue[]): Issue[] => issues.map((i) => ({ ...i, path: [key, ...i.path] }));
export const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A value in a message, as zod writes it (strings quoted, nothing escaped). */
export const shown = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : String(v));
const clone = (v: unknown): unknown => (Array.isArray(v) ? [...v] : isPlain(v) ? { ...v } : v);

export class ZodError extends Error {
  constructor(readonly issues: Issue[]) {
    super(JSON.stringify(issues, null, 2));
    this.name = 'ZodError';
  }
}

export abstract class Schema {
  checks: Check[] = [];
  abstract run(v: unknown): Result;
  /** How a key with this schema is treated when the object lacks it (`optional`/`default` say). */
  absent(): Result | undefined {
    return undefined;
  }
  check(v: unknown): Result {
    const r = this.run(v);
    if (!r.ok || this.checks.length === 0) return r;
    const issues = this.checks.map((c) => c(r.value as never)).filter((i): i is Issue => i !== null);
    return issues.length > 0 ? { ok: false, issues } : r;
  }
  safeParse(v: unknown): { success: true; data: any } | { success: false; error: ZodError } {
    const r = this.check(v);
    return r.ok ? { success: true, data: r.value } : { success: false, error: new ZodError(r.issues) };
  }
  parse(v: unknown): any {
    const r = this.safeParse(v);
    if (!r.success) throw r.error;
    return r.data;
  }
  protected copy(): this {
    return Object.assign(Object.create(Object.getPrototypeOf(this) as object) as this, this);
  }
  with(c: Check): this {
    const copy = this.copy();
    copy.checks = [...this.checks, c];
    return copy;
  }
  optional(): Schema {
    return new Wrap(this, (v) => (v === undefined ? OK(undefined) : null), () => OK(undefined));
  }
  nullable(): Schema {
    return new Wrap(this, (v) => (v === null ? OK(null) : null));
  }
  default(d: unknown): Schema {
    const fill = () => OK(typeof d === 'function' ? (d as () => unknown)() : clone(d));
    return new Wrap(this, (v) => (v === undefined ? fill() : null), fill);
  }
  min(n: number): this {
    return this.with(bound('too_small', n, (a, b) => a >= b));
  }
  max(n: number): this {
    return this.with(bound('too_big', n, (a, b) => a <= b));
  }
}

/** A check's issue: the type was right, so it does not abort (zod's `continue`). */
export const soft = (code: string, message: string): Issue => issue(code, message, { continue: true });

function bound(code: string, n: number, ok: (a: number, b: number) => boolean): Check {
  return (v: unknown) => {
    const type = typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : 'array';
    const size = typeof v === 'number' ? v : (v as { length: number }).length;
    if (ok(size, n)) return null;
    const limit = `${code === 'too_small' ? '>=' : '<='}${n}`;
    const what = type === 'number' ? `to be ${limit}` : `to have ${limit} ${type === 'string' ? 'characters' : 'items'}`;
    return soft(code, `${code === 'too_small' ? 'Too small' : 'Too big'}: expected ${type} ${what}`);
  };
}

class Wrap extends Schema {
  constructor(readonly inner: Schema, readonly first: (v: unknown) => Result | null, readonly onAbsent?: () => Result) {
    super();
  }
  run(v: unknown): Result {
    return this.first(v) ?? this.inner.check(v);
  }
  override absent(): Result | undefined {
    return this.onAbsent ? this.onAbsent() : this.inner.absent();
  }
}
