// Loading .wtagents/config.json: missing means defaults; unreadable or invalid is a clear error naming the field.
import { readFileSync } from 'node:fs';
import { UserError } from '../core/errors.js';
import { DEFAULT_CONFIG, parseConfig, type Config } from '../core/config.js';
import { repoPaths } from './layout.js';

export function loadConfig(repoRoot: string): Config {
  const file = repoPaths(repoRoot).config;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_CONFIG;
    throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = parseConfig(json);
  if (!parsed.ok) throw new UserError(`${file}: ${parsed.error}`);
  return parsed.config;
}
