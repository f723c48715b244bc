// The baseline's entry, built exactly like src/bin.ts: compile cache on, then the app.
import { enableCompileCache } from 'node:module';

try {
  enableCompileCache?.();
} catch {
  // no cache
}
await import('./hello.js');
