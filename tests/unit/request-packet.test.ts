import { describe, expect, it } from 'vitest';
import { backgroundAgentPacket, REPORT_SECTIONS, type PacketInput } from '../../src/core/packet.js';
import { MAX_QUOTED_REPORT, requestChangesPacket } from '../../src/core/request-packet.js';

const input: PacketInput = {
  id: 'fix-login',
  title: 'Fix login',
  text: 'Fix the login redirect loop',
  worktree: '/r/.wtagents/tasks/fix-login/worktrees/fix-login',
  branch: 'wtagents/fix-login',
  base: 'main',
  baseSha: 'a'.repeat(40),
  scope: ['src/auth/**'],
  constraints: ['no new deps'],
  checks: ['npm test'],
};

describe('requestChangesPacket', () => {
  const packet = requestChangesPacket({
    ...input,
    round: 3,
    feedback: 'Handle the ``` case too.\r\nAnd add a test.',
    previousReport: '## Summary of changes\nFixed it.\n```\ncode\n```',
    previousChecks: {
      round: 2,
      finishedAt: '2026-01-01T00:00:00Z',
      results: [
        { cmd: 'npm test', exitCode: 1, durationMs: 4200, logTail: '1 failing\nexpected 302' },
        { cmd: 'npm run lint', exitCode: 0, durationMs: 800, logTail: 'ok' },
      ],
    },
  });

  it('carries the round, the feedback, the previous report and check results', () => {
    expect(packet).toContain('Task id: `fix-login` · round 3 · written by wtagents');
    expect(packet).toContain('(round 2) in the same worktree and branch');
    expect(packet).toContain('````text\nHandle the ``` case too.\nAnd add a test.\n````');
    expect(packet).toContain('## Your previous report (round 2)\n\n````markdown\n## Summary of changes\nFixed it.\n```\ncode\n```\n````');
    expect(packet).toContain('- `npm test` — failed (exit 1), 4.2s\n\n```text\n1 failing\nexpected 302\n```');
    expect(packet).toContain('- `npm run lint` — passed, 800ms');
    expect(packet).not.toContain('\nok\n');
  });

  it('ends with the same worktree reminder and report requirement as packet 01', () => {
    const first = backgroundAgentPacket(input);
    const tail = first.slice(first.indexOf('## Where you work'));
    expect(packet.endsWith(tail)).toBe(true);
    for (const s of REPORT_SECTIONS) expect(packet).toContain(`**${s}**`);
  });

  it('says so when there is no report or no checks, and cuts a huge report', () => {
    const bare = requestChangesPacket({ ...input, round: 2, feedback: 'again' });
    expect(bare).toContain('No report was recorded for the previous round.');
    expect(bare).toContain('No checks ran.');
    const huge = requestChangesPacket({ ...input, round: 2, feedback: 'x', previousReport: 'r'.repeat(MAX_QUOTED_REPORT + 10) });
    expect(huge).toContain(`(cut: the full report was ${MAX_QUOTED_REPORT + 10} characters)`);
  });
});
