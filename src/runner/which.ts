// Finding a program on PATH without running it.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** The absolute path of `bin` on PATH (or `bin` itself when it is a path), or null when not found. */
export function which(bin: string, envPath = process.env.PATH ?? ''): string | null {
  if (bin.includes('/')) return isExecutable(bin) ? path.resolve(bin) : null;
  for (const dir of envPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, bin);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
