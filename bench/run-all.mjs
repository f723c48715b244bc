// `npm run bench`: every bench in turn (each prints one JSON object), collected into one JSON array.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const benches = ['first-frame.mjs', 'cli-startup.mjs', 'trace-latency.mjs', 'memory.mjs', 'review-keys.mjs', 'review-diff.mjs', 'run-latency.mjs', 'adapters.mjs', 'package.mjs', 'demo.mjs', 'scale-review.mjs', 'scale-dashboard.mjs', 'scale-supervisor.mjs', 'ssh-runner.mjs'];
const results = [];
for (const b of benches) {
  const out = execFileSync(process.execPath, [path.join(import.meta.dirname, b)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  results.push(JSON.parse(out));
}
console.log(JSON.stringify(results, null, 2));
