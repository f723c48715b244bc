// Task ids: a slug of the task's first line (lowercase ASCII and '-', at most 60 chars, never empty).
import { firstTextLine } from './terminal-text.js';

export const SLUG_MAX = 60;

/** Slug of a text's first line. Accents are folded to ASCII; anything else becomes '-'. */
export function slugify(text: string): string {
  const ascii = firstTextLine(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > SLUG_MAX) slug = slug.slice(0, SLUG_MAX).replace(/-+$/g, '');
  return slug === '' ? 'task' : slug;
}

/** The first id from `base`, `base-2`, `base-3`, … for which `taken` says no. Stays within SLUG_MAX. */
export function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const stem = base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/g, '');
    const id = `${stem}${suffix}`;
    if (!taken(id)) return id;
  }
}
