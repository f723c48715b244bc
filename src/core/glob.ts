// Path globs for --scope: `**` any depth, `*` and `?` within one path segment, `{a,b}`, `[abc]`;
// a pattern without glob characters names a file or a whole directory.

const cache = new Map<string, (path: string) => boolean>();

/** A matcher for one pattern, relative to the repository root (`./` and a leading `/` are ignored). */
export function globMatcher(pattern: string): (path: string) => boolean {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const p = pattern.trim().replace(/^\.\//, '').replace(/^\/+/, '');
  let fn: (path: string) => boolean;
  if (!/[*?[{]/.test(p)) {
    const dir = p.replace(/\/+$/, '');
    fn = dir === '' ? () => true : (path) => path === dir || path.startsWith(`${dir}/`);
  } else {
    const re = new RegExp(`^${globToRegex(p)}$`);
    fn = (path) => re.test(path);
  }
  cache.set(pattern, fn);
  return fn;
}

/** True when `path` matches any of the patterns. */
export function matchesAny(path: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => globMatcher(p)(path));
}

export function globToRegex(glob: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const slashAfter = glob[i + 2] === '/';
        i++;
        if (atStart && slashAfter) {
          out += '(?:.*/)?'; // "**/" : zero or more directories
          i++;
        } else {
          out += '.*';
        }
        continue;
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body}]`;
      i = end;
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) {
      out += '|';
    } else if (c === '/' && glob.slice(i + 1) === '**') {
      // "dir/**" also matches the directory itself
      out += '(?:/.*)?';
      i += 2;
    } else {
      out += c.replace(/[.+^$()|\\\]}]/g, '\\$&');
    }
  }
  return out + ')'.repeat(braces);
}
