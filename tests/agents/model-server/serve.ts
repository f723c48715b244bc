// Standalone scripted model server (run through scripts/model-server.mjs): script from a JSON file,
// URL printed on stdout, every request appended to a JSONL log.
import { appendFileSync, readFileSync } from 'node:fs';
import { startModelServer } from './server.js';
import type { Script } from './script.js';

export async function serve(argv: string[]): Promise<void> {
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scriptFile = opt('--script');
  const logFile = opt('--log');
  const script: Script | undefined = scriptFile ? JSON.parse(readFileSync(scriptFile, 'utf8')) : undefined;
  const server = await startModelServer({ ...(script ? { script } : {}), ...(opt('--bodies') ? { bodiesDir: opt('--bodies')! } : {}) });
  let logged = 0;
  if (logFile) {
    setInterval(() => {
      for (; logged < server.requests.length; logged++) appendFileSync(logFile, `${JSON.stringify(server.requests[logged])}\n`);
    }, 100).unref();
  }
  process.stdout.write(`${server.url}\n`);
  const stop = () => {
    if (logFile) for (; logged < server.requests.length; logged++) appendFileSync(logFile, `${JSON.stringify(server.requests[logged])}\n`);
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
