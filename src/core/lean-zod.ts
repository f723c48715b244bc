// The part of zod's API that wtagents' schemas use, small: every build of dist/ (scripts/bundle.mjs leanZod)
// puts it in place of `zod`, so no zod code is in what users run (zod's ~190 KB chunk and its schema
// construction cost each TUI start ~25 ms, each running task ~8 MB of RSS). zod stays the development
// dependency the tests hold this to: tests/unit/lean-zod.test.ts builds every schema of the product with both
// and compares data (unknown keys stripped or kept, defaults filled, key order) and issues (code, path,
// message), tests/unit/lean-zod-texts.test.ts the error texts users see. The base is in lean-zod-schema.ts.
import { isPlain, issue, OK, shown, soft, typeIssue, under, ZodError, Schema, type Issue, type Result } from './lean-zod-schema.js';

export { ZodError, type Issue } from './lean-zod-schema.js';

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
    if (this.values.includes(v)) return OK(v);
    const [one] = this.values;
    return { ok: false, issues: [issue('invalid_value', this.values.length === 1 ? `Invalid input: expected ${shown(one)}` : `Invalid option: expected one of ${this.values.map(shown).join('|')}`)] };
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

const unrecognized = (keys: string[]): Issue => issue('unrecognized_keys', `Unrecognized key${keys.length > 1 ? 's' : ''}: ${keys.map(shown).join(', ')}`, { keys, continue: true });

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
    const unknown = Object.keys(v).filter((k) => !Object.hasOwn(this.shape, k));
    if (this.mode === 'loose') for (const k of unknown) if (k !== '__proto__') out[k] = v[k];
    if (this.mode === 'strict' && unknown.length > 0) issues.push(unrecognized(unknown));
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
    if (!match) {
      const options = this.options.flatMap((o) => (o.shape[this.key] as Literal).values);
      return { ok: false, issues: [issue('invalid_union', `Invalid discriminator value. Expected ${options.map((o) => `'${String(o)}'`).join(' | ')}`, { path: [this.key], errors: [] })] };
    }
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
  /** `partial`: a partialRecord, whose key schema names the keys it may have (the rest are unrecognized). */
  constructor(readonly key: Schema, readonly value: Schema, readonly partial = false) {
    super();
  }
  run(v: unknown): Result {
    if (!isPlain(v)) return typeIssue('record', v);
    const out: Record<string, unknown> = {};
    const issues: Issue[] = [];
    const unknown: string[] = [];
    for (const [k, x] of Object.entries(v)) {
      if (k === '__proto__') continue;
      if (!this.key.check(k).ok) {
        if (this.partial) unknown.push(k);
        else issues.push(issue('invalid_key', 'Invalid key in record', { path: [k] }));
        continue;
      }
      const r = this.value.check(x);
      if (!r.ok) issues.push(...under(k, r.issues));
      else out[k] = r.value;
    }
    if (unknown.length > 0) issues.push(unrecognized(unknown));
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
  partialRecord: (key: Schema, value: Schema) => new RecordSchema(key, value, true),
  ZodError,
};
export default z;
