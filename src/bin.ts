// The executable's entry: turn on V8's on-disk compile cache first, then load the CLI, so every chunk
// after this small one (the CLI, the engine, the TUI) starts from cached code on later runs.
import { enableCompileCache } from 'node:module';

try {
  enableCompileCache?.();
} catch {
  // no cache (read-only home, old Node): just slower starts
}
await import('./cli.js');
