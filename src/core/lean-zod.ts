// The part of zod's API that wtagents' schemas use, in one small file: the detached supervisor's build
// (scripts/bundle.mjs supervisorOptions) puts it in place of `zod`. zod's ~190 KB cost each running task
// ~8 MB of RSS; the supervisor only reads records the CLI wrote through the real zod. Same outputs (unknown
// keys stripped, defaults filled, key order), same issue codes and paths; tests/unit/lean-zod.test.ts holds
// the two together on every schema the supervisor loads. Nothing else imports this file.
export interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: Issue[][];
  /** A check's issue (the value had the right type): a union reports the one branch failing only such issues. */
  continue?: boolean;
}
type Result = { ok: true; value: unknown } | { ok: false; issues: Issue[] };
type Check = (v: never) => Issue | null;

const OK = (value: unknown): Result => ({ ok: true, value });
const issue = (code: string, message: string, extra: Partial<Issue> = {}): Issue => ({ code, path: [], message, ...extra });
const received = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isNaN(v) ? 'NaN' : typeof v);
const typeIssue = (expected: string, v: unknown): Result => ({ ok: false, issues: [issue('invalid_type', `Invalid input: expected ${expected}, received ${received(v)}`, { expected } as Partial<Issue>)] });
const under = (key: PropertyKey, issues: Issue[]): Issue[] => issues.map((i) => ({ ...i, path: [key, ...i.path] }));
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = (v: unknown): unknown => (Array.isArray(v) ? [...v] : isPlain(v) ? { ...v } : v);

export class ZodError extends Error {
  constructor(readonly issues: Issue[]) {
    super(JSON.stringify(issues, null, 2));
    this.name = 'ZodError';
  }
}

abstract class Schema {
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
const soft = (code: string, message: string): Issue => issue(code, message, { continue: true });

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

class Primitive extends Schema {
  constructor(readonly type: string, readonly test: (v: unknown) => boolean) {
    super();
  }
  run(v: unknown): Result {
    return this.test(v) ? OK(v) : typeIssue(this.type, v);
  }
}

class StringSchema extends Primitive {
  trims = false;
  constructor() {
    super('string', (v) => typeof v === 'string');
  }
  override run(v: unknown): Result {
    const r = super.run(v);
    return r.ok && this.trims ? OK((r.value as string).trim()) : r;
  }
  trim(): this {
    const copy = this.copy();
    copy.trims = true;
    return copy;
  }
  regex(re: RegExp): this {
    return this.with((v: string) => (re.test(v) ? null : soft('invalid_format', `Invalid string: must match pattern ${re}`)));
  }
  url(): this {
    return this.with((v: string) => {
      try {
        return new URL(v).hostname !== '' || /^[a-z][a-z0-9+.-]*:/i.test(v) ? null : soft('invalid_format', 'Invalid URL');
      } catch {
        return soft('invalid_format', 'Invalid URL');
      }
    });
  }
}

class NumberSchema extends Primitive {
  constructor() {
    super('number', (v) => typeof v === 'number' && Number.isFinite(v));
  }
  int(): this {
    return this.with((v: number) => (Number.isSafeInteger(v) ? null : issue('invalid_type', 'Invalid input: expected int, received number')));
  }
  positive(): this {
    return this.with((v: number) => (v > 0 ? null : soft('too_small', 'Too small: expected number to be >0')));
  }
  nonnegative(): this {
    return this.min(0);
  }
}

class Literal extends Schema {
  constructor(readonly values: readonly unknown[]) {
    super();
  }
  run(v: unknown): Result {
    return this.values.includes(v) ? OK(v) : { ok: false, issues: [issue('invalid_value', `Invalid option: expected one of ${this.values.map((x) => JSON.stringify(x)).join('|')}`)] };
  }
}

class ArraySchema extends Schema {
  constructor(readonly item: Schema) {
    super();
  }
  run(v: unknown): Result {
    if (!Array.isArray(v)) return typeIssue('array', v);
    const out: unknown[] = [];
    const issues: Issue[] = [];
    v.forEach((x, i) => {
      const r = this.item.check(x);
      if (r.ok) out.push(r.value);
      else issues.push(...under(i, r.issues));
    });
    return issues.length > 0 ? { ok: false, issues } : OK(out);
  }
}

type Mode = 'strip' | 'strict' | 'loose';
class ObjectSchema extends Schema {
  constructor(readonly shape: Record<string, Schema>, readonly mode: Mode) {
    super();
  }
  run(v: unknown): Result {
    if (!isPlain(v)) return typeIssue('object', v);
    const out: Record<string, unknown> = {};
    const issues: Issue[] = [];
    for (const [key, schema] of Object.entries(this.shape)) {
      const r = v[key] === undefined ? (schema.absent() ?? schema.check(undefined)) : schema.check(v[key]);
      if (!r.ok) issues.push(...under(key, r.issues));
      else if (r.value !== undefined || key in v) out[key] = r.value;
    }
    const unknown = Object.keys(v).filter((k) => !(k in this.shape));
    if (this.mode === 'loose') for (const k of unknown) out[k] = v[k];
    if (this.mode === 'strict' && unknown.length > 0) issues.push(issue('unrecognized_keys', `Unrecognized key${unknown.length > 1 ? 's' : ''}: ${unknown.map((k) => `"${k}"`).join(', ')}`, { keys: unknown, continue: true }));
    return issues.length > 0 ? { ok: false, issues } : OK(out);
  }
  extend(more: Record<string, Schema>): ObjectSchema {
    return new ObjectSchema({ ...this.shape, ...more }, this.mode);
  }
}

class Union extends Schema {
  constructor(readonly options: readonly Schema[]) {
    super();
  }
  run(v: unknown): Result {
    const failed: Issue[][] = [];
    for (const o of this.options) {
      const r = o.check(v);
      if (r.ok) return r;
      failed.push(r.issues);
    }
    // One branch whose value had the right shape (only its checks failed): its issues are the answer.
    const shaped = failed.filter((issues) => issues.every((i) => i.continue === true));
    if (shaped.length === 1) return { ok: false, issues: shaped[0]! };
    const errors = failed;
    return { ok: false, issues: [issue('invalid_union', 'Invalid input', { errors })] };
  }
}

class Discriminated extends Schema {
  constructor(readonly key: string, readonly options: readonly ObjectSchema[]) {
    super();
  }
  run(v: unknown): Result {
    if (!isPlain(v)) return typeIssue('object', v);
    const match = this.options.find((o) => (o.shape[this.key] as Literal | undefined)?.values.includes(v[this.key]));
    if (!match) return { ok: false, issues: [issue('invalid_union', 'Invalid input', { path: [this.key], errors: [] })] };
    return match.check(v);
  }
}

class Lazy extends Schema {
  private built?: Schema;
  constructor(readonly make: () => Schema) {
    super();
  }
  get schema(): Schema {
    return (this.built ??= this.make());
  }
  run(v: unknown): Result {
    return this.schema.check(v);
  }
  override absent(): Result | undefined {
    return this.schema.absent();
  }
}

class RecordSchema extends Schema {
  constructor(readonly key: Schema, readonly value: Schema) {
    super();
  }
  run(v: unknown): Result {
    if (!isPlain(v)) return typeIssue('record', v);
    const out: Record<string, unknown> = {};
    const issues: Issue[] = [];
    for (const [k, x] of Object.entries(v)) {
      const kr = this.key.check(k);
      if (!kr.ok) issues.push(issue('invalid_key', 'Invalid key in record', { path: [k] }));
      const r = this.value.check(x);
      if (!r.ok) issues.push(...under(k, r.issues));
      else out[k] = r.value;
    }
    return issues.length > 0 ? { ok: false, issues } : OK(out);
  }
}

export const z = {
  string: () => new StringSchema(),
  url: () => new StringSchema().url(),
  number: () => new NumberSchema(),
  boolean: () => new Primitive('boolean', (v) => typeof v === 'boolean'),
  unknown: () => new Primitive('unknown', () => true),
  literal: (v: unknown) => new Literal([v]),
  enum: (values: readonly unknown[]) => new Literal(values),
  array: (item: Schema) => new ArraySchema(item),
  object: (shape: Record<string, Schema>) => new ObjectSchema(shape, 'strip'),
  strictObject: (shape: Record<string, Schema>) => new ObjectSchema(shape, 'strict'),
  looseObject: (shape: Record<string, Schema>) => new ObjectSchema(shape, 'loose'),
  union: (options: readonly Schema[]) => new Union(options),
  discriminatedUnion: (key: string, options: readonly ObjectSchema[]) => new Discriminated(key, options),
  lazy: (make: () => Schema) => new Lazy(make),
  record: (key: Schema, value: Schema) => new RecordSchema(key, value),
  partialRecord: (key: Schema, value: Schema) => new RecordSchema(key, value),
  ZodError,
};
export default z;
