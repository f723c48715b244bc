// Plain-text formatting shared by the CLI and the TUI: ages, durations, counts, tables.

/** A compact age: 12s, 5m, 3h, 4d. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

/** A duration: 850ms, 4.2s, 3m05s, 1h02m. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Token counts: 950, 12.3k, 4.1M. */
export function formatTokens(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** Dollars: $1.25, and under a cent never $0.00: $0.004, <$0.001 (a true zero is $0.00). */
export function formatCost(usd: number): string {
  if (!Number.isFinite(usd) || usd < 0) return '$?';
  if (usd === 0 || usd >= 0.01) return `$${usd.toFixed(2)}`;
  if (usd >= 0.001) return `$${usd.toFixed(3)}`;
  return '<$0.001';
}

/** Left-aligned columns separated by two spaces (the last column is not padded). */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '))
    .join('\n');
}

/** 1.2G, 340M, 12K, 0 — the way du -h writes sizes. */
export function formatBytes(n: number): string {
  if (n < 1024) return n === 0 ? '0' : `${n}B`;
  const units = ['K', 'M', 'G', 'T'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)}${units[u]}`;
}

/** "file" for 1, else "files" (`many`: the plural when it is not word + s). */
export function pluralWord(n: number, word: string, many = `${word}s`): string {
  return n === 1 ? word : many;
}

/** "1 file", "3 files". */
export function plural(n: number, word: string, many?: string): string {
  return `${n} ${pluralWord(n, word, many)}`;
}

/** A run's tokens and cost: "12.3k in / 1.2k out tokens, $0.12" (`sep` before the cost), or "tokens unknown". */
export function formatUsage(u: { inputTokens: number; outputTokens: number; costUsd?: number } | null, sep = ', '): string {
  if (!u) return 'tokens unknown';
  return `${formatTokens(u.inputTokens)} in / ${formatTokens(u.outputTokens)} out tokens${u.costUsd !== undefined ? `${sep}${formatCost(u.costUsd)}` : ''}`;
}
