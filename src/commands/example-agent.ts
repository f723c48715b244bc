// Hidden `wtagents __example-agent`: the demo's scripted agent (packet on stdin, Claude stream-json out).
import { load } from '../app/load.js';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';

export function registerExampleAgent(program: Command): void {
  program
    .command('__example-agent', { hidden: true })
    .description("the demo's scripted example agent")
    .action(async () => {
      const { runExampleAgent } = await load.demoExampleAgent();
      const packet = readFileSync(0, 'utf8');
      const speed = Number(process.env.WTAGENTS_DEMO_SPEED ?? '1');
      process.exitCode = await runExampleAgent({
        cwd: process.cwd(),
        packet,
        round: Number(process.env.WTAGENTS_ROUND ?? '1') || 1,
        speed: Number.isFinite(speed) && speed >= 0 ? speed : 1,
        write: (line) => process.stdout.write(`${line}\n`),
      });
    });
}
