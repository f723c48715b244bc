// The README's key list, generated from the key table (so the documentation cannot drift from the keys).
import { displayKeys, KEY_TABLE, SCREENS, type KeyBinding, type Screen } from './keys.js';

export const KEYS_DOC_START = '<!-- keys:start (generated from src/core/keys.ts by `npm run readme:keys`) -->';
export const KEYS_DOC_END = '<!-- keys:end -->';

const TITLES: Record<Screen, string> = {
  dashboard: 'Dashboard',
  trace: 'Full trace (`l`)',
  newTask: 'New task (`n`)',
  review: 'Review (`enter`)',
  confirm: 'Any confirmation',
  help: 'Help (`?`)',
  compare: 'Compare attempts (`enter` on an attempt of a best-of-N group)',
};

/** One markdown table per screen: keys, action id (for config `keys` overrides), what it does. */
export function keysMarkdown(table: readonly KeyBinding[] = KEY_TABLE): string {
  const out: string[] = [];
  for (const screen of SCREENS) {
    const rows = table.filter((b) => b.screen === screen);
    if (rows.length === 0) continue;
    out.push(`**${TITLES[screen]}**`, '', '| key | action | what it does |', '|---|---|---|');
    for (const b of rows) {
      // Each key on its own (a key can be `/`, which displayKeys uses as its separator).
      const keys = b.keys.map((k) => `\`${displayKeys([k]).replace('|', '\\|')}\``).join(' ');
      const when = b.needs === 'tmux' ? ' (inside tmux)' : '';
      out.push(`| ${keys} | \`${b.id}\` | ${b.help}${when} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** The README with its generated key section replaced by `keysMarkdown()`; null when the markers are missing. */
export function withKeysSection(readme: string, table: readonly KeyBinding[] = KEY_TABLE): string | null {
  const start = readme.indexOf(KEYS_DOC_START);
  const end = readme.indexOf(KEYS_DOC_END);
  if (start === -1 || end === -1 || end < start) return null;
  return `${readme.slice(0, start + KEYS_DOC_START.length)}\n${keysMarkdown(table)}\n${readme.slice(end)}`;
}
