// The review screen's pure text: evidence rows and summary, wrapping, the decision questions and outcome lines.
import { describe, expect, it } from 'vitest';
import { charWidth } from '../../src/core/diff-view.js';
import type { DecisionRecord } from '../../src/core/decision.js';
import type { Evidence } from '../../src/review/evidence.js';
import { evidenceRows, evidenceSummary, wrapText } from '../../src/review/evidence-rows.js';
import { formatEvidence } from '../../src/review/evidence-text.js';
import { abandonOutcome, decisionQuestion, mergeClauses, mergeOutcome, promptText, requestOutcome } from '../../src/review/screen-text.js';
import type { TaskRecord } from '../../src/core/task.js';
import { diffColor } from '../../components/theme.js';

const cols = (t: string) => [...t].reduce((n, ch) => n + charWidth(ch.codePointAt(0)!), 0);

function evidence(over: Partial<Evidence> = {}): Evidence {
  return {
    task: { id: 't', title: 'T', state: 'done', round: 2, base: 'main', branch: 'wtagents/t', worktree: '/w/t', taskDir: '/d/t', scope: [] },
    range: { label: 'main...wtagents/t', base: 'main', branch: 'wtagents/t', from: 'a'.repeat(40), tip: 'b'.repeat(40) },
    files: [{ path: 'src/a.ts', status: 'M', added: 3, removed: 1, binary: false }],
    totals: { files: 1, added: 3, removed: 1 },
    checks: {
      source: 'checks.json',
      round: 2,
      passed: false,
      results: [
        { cmd: 'npm test', exitCode: 0, durationMs: 1200, logTail: 'ok\n' },
        { cmd: 'npm run lint', exitCode: 1, durationMs: 300, logTail: 'l1\nl2\nl3\nl4\nl5\nl6 \u001b[31mred\u001b[0m\n' },
      ],
    },
    report: { source: 'report.md', text: '## Summary\nDid it.\n## Merge recommendation\nrequest-changes: lint fails', sections: {}, recommendation: { verdict: 'request-changes', text: 'lint fails' } },
    risks: [{ kind: 'secret', path: 'src/a.ts', line: 3, detail: 'looks like an AWS access key' }],
    leftovers: [{ status: '??', path: 'notes.txt' }],
    ignored: [],
    usage: { inputTokens: 12_000, outputTokens: 3_400, costUsd: 0.42 },
    durationMs: 125_000,
    rounds: 2,
    decision: null,
    traceSkipped: 0,
    ...over,
  };
}

describe('evidence rows', () => {
  it('shows checks (exit, duration, log tail), risk flags, leftovers, usage, then the report with its recommendation', () => {
    const rows = evidenceRows(evidence(), 80);
    const text = rows.map((r) => r.text);
    expect(text[0]).toBe('Checks (round 2, checks.json): 1/2 passed');
    expect(rows[0]!.tone).toBe('error');
    expect(text).toContain('  ✓ npm test  exit 0  1.2s');
    expect(text).toContain('  ✗ npm run lint  exit 1  300ms');
    expect(text).toContain('      l6 red'); // a failed check's last 5 log lines, control sequences gone
    expect(text).not.toContain('      l1');
    expect(text).not.toContain('      ok'); // a passed check's log stays in its file
    expect(text).toContain('  ! secret  src/a.ts:3  looks like an AWS access key');
    expect(text).toContain('  ??  notes.txt');
    expect(text).toContain('Usage: 12k in / 3.4k out tokens · $0.42 · 2m05s · 2 rounds');
    const rec = rows.find((r) => r.text.startsWith('  Recommendation:'))!;
    expect(rec).toEqual({ text: '  Recommendation: request-changes — lint fails', tone: 'warn' });
    expect(text.indexOf('  ## Summary')).toBeGreaterThan(text.indexOf(rec.text));
    for (const r of evidenceRows(evidence(), 12)) expect(cols(r.text)).toBeLessThanOrEqual(12);
  });

  it('the CLI text and the screen rows draw the same sections, in one order, with the same limits', () => {
    const many = evidence({
      leftovers: Array.from({ length: 60 }, (_, i) => ({ status: '??', path: `left-${i}.txt` })),
      files: Array.from({ length: 60 }, (_, i) => ({ path: `f-${i}.ts`, status: 'A', added: 1, removed: 0, binary: false })),
    });
    const text = formatEvidence(many).split('\n');
    const rows = evidenceRows(many, 200).map((r) => r.text);
    const heads = ['Checks (round 2, checks.json): 1/2 passed', 'Risk flags (1):', 'Leftovers (60', 'Usage:', 'Report (report.md)', 'Files (60):'];
    for (const lines of [text, rows]) {
      const at = heads.map((h) => lines.findIndex((l) => l.startsWith(h)));
      expect(at.every((i) => i >= 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      expect(lines.filter((l) => l.trim().startsWith('… 10 more'))).toHaveLength(2); // the leftovers and the files
      expect(lines.filter((l) => /^ {6}l[2-6]/.test(l))).toHaveLength(5); // a failed check's last five log lines
    }
    expect(text).toContain(`  … 10 more (wtagents review t --stat)`);
    expect(text.some((l) => l.includes('## Summary'))).toBe(false); // the report's body stays in report.md
    expect(rows).toContain('  ## Summary');
  });

  it('says what is missing plainly', () => {
    const text = evidenceRows(evidence({ checks: { source: 'none', results: [], passed: null }, range: null, risks: [], leftovers: null, usage: null, durationMs: null, report: { source: 'none', text: '', sections: {}, recommendation: null } }), 80).map((r) => r.text);
    expect(text).toEqual(expect.arrayContaining(['Checks: none ran', 'Risk flags: n/a (no branch to check)', 'Leftovers: no worktree', 'Usage: tokens unknown · duration unknown · 2 rounds', 'Report: none (no report.md and no final agent message)']));
  });

  it('sums it up in one line', () => {
    expect(evidenceSummary(evidence())).toBe('checks 1/2 passed · 1 risk flag · 1 uncommitted · agent recommends request-changes');
  });

  it('wraps at spaces within the width, wide characters and control sequences included', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('', 5)).toEqual(['']);
    expect(wrapText('x'.repeat(12), 5)).toEqual(['xxxxx', 'xxxxx', 'xx']);
    for (const r of wrapText('日本語\u001b]0;t\u0007のテキスト 🙂🙂 end', 5, ' ')) expect(cols(r)).toBeLessThanOrEqual(5);
    expect(wrapText('a\u001b[2Jb', 10)).toEqual(['ab']);
  });
});

describe('decision prompts and outcomes', () => {
  const t = { id: 'fix', base: 'main', branch: 'wtagents/fix', round: 1 };
  const k = { yes: 'y', request: 'r', commitLeftovers: 'C', dropLeftovers: 'd', deleteBranch: 'D', submit: 'enter', cancel: 'esc' };
  const opts = { squash: false, leftovers: ['a.txt', 'b.txt', 'c.txt', 'd.txt'] };

  it('asks each decision with the keys that answer it', () => {
    expect(promptText('merge', t, k, opts)).toEqual({ question: 'Merge wtagents/fix into main (--no-ff), then remove its worktree and delete the branch?', keys: 'y yes  any other key no' });
    expect(promptText('merge', t, { ...k, yes: 'Y' }, { ...opts, squash: true }).question).toContain('(squash)');
    expect(promptText('leftovers', t, k, opts)).toEqual({
      question: 'Cannot merge yet: the worktree has 4 uncommitted or untracked files (a.txt, b.txt, c.txt, …). Commit them to the branch, or drop them?',
      keys: 'C commit, then merge  d drop (a patch is kept), then merge  any other key cancels',
    });
    expect(promptText('abandon', t, k, opts).keys).toBe('y yes  D yes, and delete the branch too  any other key no');
    // The CLI asks the same question (naming the commit it reviewed).
    expect(decisionQuestion('merge', t, { strategy: 'squash', tip: 'c'.repeat(40) })).toBe('Merge wtagents/fix (cccccccccccc) into main (squash), then remove its worktree and delete the branch?');
    expect(decisionQuestion('abandon', t)).toBe(promptText('abandon', t, k, opts).question);
    expect(promptText('request-changes', t, k, opts)).toEqual({ question: 'Changes for round 2:', keys: 'enter send  esc cancel' });
    // The text box's keys come from the table (prompt.submit, prompt.cancel), rebound or not.
    expect(promptText('comment', t, { ...k, submit: 'ctrl+s', cancel: 'q' }, opts).keys).toBe('ctrl+s save (empty removes it)  q back to the lines');
  });

  it('says what a decision did in one line', () => {
    const task = {} as TaskRecord;
    const d = (over: Partial<DecisionRecord>): DecisionRecord => ({ v: 1, task: 'fix', decision: 'merge', outcome: 'merged', at: 'now', round: 1, branch: 'wtagents/fix', ...over });
    expect(mergeOutcome({ outcome: 'merged', task, decision: d({ worktreeRemoved: true, branchDeleted: true }), commit: 'c'.repeat(40), warnings: [] }, t, { request: 'r' })).toEqual({
      text: 'merged wtagents/fix into main at cccccccccccc; worktree removed, branch deleted',
      tone: 'info',
    });
    expect(mergeOutcome({ outcome: 'conflict', task, decision: d({ outcome: 'conflict' }), conflicts: ['x.ts'], warnings: [] }, t, { request: 'R' }).text).toMatch(/^merge conflict in x\.ts: main is unchanged and fix is now conflict; .*press R/);
    // The CLI prints the same clauses: a sentence, then each saved copy and the worktree's fate under it.
    const saved = d({ worktreeRemoved: true, branchDeleted: false, ignored: ['.env.local'], ignoredSaved: 'review/ignored' });
    expect(mergeClauses({ outcome: 'merged', task, decision: saved, commit: 'c'.repeat(40), warnings: [] }, t)).toEqual([
      'merged wtagents/fix into main at cccccccccccc',
      'ignored files saved in review/ignored/: .env.local',
      'worktree removed, branch kept',
    ]);
    expect(mergeOutcome({ outcome: 'merged', task, decision: saved, commit: 'c'.repeat(40), warnings: ['w'] }, t, { request: 'r' })).toEqual({
      text: 'merged wtagents/fix into main at cccccccccccc; ignored files saved in review/ignored/: .env.local; worktree removed, branch kept; w',
      tone: 'error',
    });
    expect(requestOutcome({ task: { round: 2 } as TaskRecord, decision: d({}), started: true }, t).text).toBe('changes requested on fix: round 2 started; feedback saved in review/feedback-01.md');
    expect(requestOutcome({ task, decision: d({}), started: false, startError: 'no agent' }, t)).toEqual({ text: 'changes requested on fix; feedback saved in review/feedback-01.md; round 2 did not start: no agent', tone: 'error' });
    expect(abandonOutcome({ task, decision: d({ patch: 'review/abandoned.patch', branchDeleted: true }), warnings: [] }, t).text).toBe('abandoned fix: work kept in review/abandoned.patch; branch wtagents/fix deleted');
  });
});

describe('diff colours', () => {
  it('colours added, removed and hunk lines, and none under NO_COLOR', () => {
    const saved = process.env.NO_COLOR;
    try {
      delete process.env.NO_COLOR;
      expect([diffColor('add'), diffColor('del'), diffColor('hunk'), diffColor('ctx')]).toEqual(['green', 'red', 'cyan', undefined]);
      process.env.NO_COLOR = '1';
      expect([diffColor('add'), diffColor('del'), diffColor('hunk')]).toEqual([undefined, undefined, undefined]);
    } finally {
      if (saved === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = saved;
    }
  });
});
