// Line comments on the review screen: `c` puts a cursor on a code line, j/k move it, enter opens the text
// box, enter saves (the evidence lists it, the line is marked); `c` on the same line brings the text back to
// edit; `r` then sends the comments — with no other text — quoted in the next round's packet.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { joined, startReviewTui as start } from '../helpers/review-tui.js';
import { readJson, taskWithWork } from '../helpers/task.js';

describe('line comments in the review', () => {
  it('c, j, enter, text, enter saves a comment; c again edits it; r sends it with the next round', async () => {
    const { repo, task } = await taskWithWork(
      { 'calc.js': 'const a = 1;\nconst b = 2;\nconst c = 3;\n' },
      { task: { agent: { name: 'command', command: 'cat > /dev/null' } }, text: 'Write calc' },
    );
    const tui = await start(repo, { columns: 120 });
    await tui.press('enter');
    await tui.waitFor('lines 1–');
    let f = await tui.act('review', 'comment');
    expect(joined(f)).toContain('Comment on calc.js:1? (j/k choose the line)');
    f = await tui.press('j');
    expect(joined(f)).toContain('Comment on calc.js:2?');
    await tui.press('enter');
    await tui.waitFor('Comment on calc.js:2:');
    await tui.type('rename b');
    await tui.press('enter');
    f = await tui.waitFor('comment saved on calc.js:2: 1 waiting (r sends them)');
    const saved = readJson<{ comments: { file: string; line: number; text: string; code: string[]; at: number }[] }>(path.join(task.taskDir, 'review', 'comments.json')).comments;
    expect(saved).toMatchObject([{ file: 'calc.js', line: 2, text: 'rename b' }]);
    expect(saved[0]!.code[saved[0]!.at]).toBe('+const b = 2;');
    expect(f).toContain('▍'); // the commented line is marked

    // Edit: the text comes back.
    await tui.act('review', 'comment');
    await tui.press('j');
    await tui.press('enter');
    f = await tui.waitFor('Comment on calc.js:2: rename b');
    await tui.type(' to total');
    await tui.press('enter');
    await tui.waitFor('comment saved on calc.js:2: 1 waiting');

    await tui.act('review', 'evidence');
    f = await tui.waitFor('Line comments (1');
    expect(f).toContain('calc.js:2');
    expect(f).toContain('rename b to total');
    await tui.act('review', 'evidence');

    await tui.act('review', 'request');
    await tui.waitFor('Changes for round 2 (+1 line comment):');
    await tui.press('enter'); // no text: the comment is the feedback
    await tui.waitFor('changes requested on write-calc: round 2 started', 60_000);
    const packet = readFileSync(path.join(task.taskDir, 'packets', '02-request-changes.md'), 'utf8');
    expect(packet).toContain('- calc.js:2\n  ```diff\n');
    expect(packet).toContain('  +const b = 2;   ◀');
    expect(packet).toContain('  > rename b to total');
  });
});
