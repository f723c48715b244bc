// The README's key list, generated from the key table (so the documentation cannot drift from the keys).
import { displayKeys, KEY_TABLE, keyHint, SCREENS, type ActionId, type KeyBinding, type Screen } from './keys.js';

export const KEYS_DOC_START = '<!-- keys:start (generated from src/core/keys.ts by `npm run readme:keys`) -->';
export const KEYS_DOC_END = '<!-- keys:end -->';

/** A screen's title, with the key that opens it (from the table, so a rebinding shows). */
function title(table: readonly KeyBinding[], screen: Screen): string {
  const from = (id: ActionId) => ` (\`${keyHint(table, id)}\`)`;
  const titles: Record<Screen, string> = {
    dashboard: 'Dashboard',
    trace: `Full trace${from('dashboard.trace')}`,
    newTask: `New task${from('dashboard.new')}`,
    review: `Review${from('dashboard.open')}`,
    confirm: 'Any confirmation',
    prompt: 'Any question waiting for text or a line (feedback, a comment, a search)',
    help: `Help${from('dashboard.help')}`,
    compare: `Compare attempts (\`${keyHint(table, 'dashboard.open')}\` on an attempt of a best-of-N group)`,
  };
  return titles[screen];
}

/** One markdown table per screen: keys, action id (for config `keys` overrides), what it does. */
export function keysMarkdown(table: readonly KeyBinding[] = KEY_TABLE): string {
  const out: string[] = [];
  for (const screen of SCREENS) {
    const rows = table.filter((b) => b.screen === screen);
    if (rows.length === 0) continue;
    out.push(`**${title(table, screen)}**`, '', '| key | action | what it does |', '|---|---|---|');
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
