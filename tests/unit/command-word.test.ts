import { describe, expect, it } from 'vitest';
import { firstCommandWord } from '../../src/core/command-word.js';

describe('firstCommandWord', () => {
  it.each([
    ['claude -p --verbose', 'claude'],
    ['  ./agent.sh arg', './agent.sh'],
    ['/usr/bin/env node x.js', '/usr/bin/env'],
    ['my-agent;echo done', 'my-agent'],
    ['aider|tee log', 'aider'],
    ['node-22 x', 'node-22'],
  ])('%s → %s', (cmd, word) => {
    expect(firstCommandWord(cmd)).toBe(word);
  });

  it.each([
    'FOO=1 agent',
    'cd sub && agent',
    'exec agent',
    '"quoted agent" x',
    '$AGENT --go',
    '~/bin/agent',
    '( agent )',
    'if true; then agent; fi',
    '',
    '   ',
  ])('leaves %j to the shell', (cmd) => {
    expect(firstCommandWord(cmd)).toBeNull();
  });
});
