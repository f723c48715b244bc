// Parsing `git status --porcelain=v1 -z`: one entry per changed path, wtagents' own directory left out.

export interface StatusEntry {
  /** The two status letters (`M `, ` M`, `??`, `R `, …). */
  status: string;
  path: string;
}

export function parseStatusZ(out: string): StatusEntry[] {
  const entries: StatusEntry[] = [];
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] ?? '';
    if (f.length < 4) continue;
    const status = f.slice(0, 2);
    const file = f.slice(3);
    if (status.startsWith('R') || status.startsWith('C')) i++; // the rename/copy source follows
    if (file === '.wtagents' || file === '.wtagents/' || file.startsWith('.wtagents/')) continue;
    entries.push({ status, path: file });
  }
  return entries;
}
