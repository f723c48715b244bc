// What the demo's example agent does for each demo task: scripted steps, data only.

export type ScriptStep =
  | { say: string }
  | { read: string }
  | { edit: string; find: string; replace: string }
  | { run: string }
  | { commit: string }
  | { report: Report };

export interface Report {
  summary: string;
  files: string[];
  commands: string[];
  risks: string;
  recommendation: 'merge' | 'request changes' | 'abandon';
  why: string;
}

const LABEL = '[example agent] I am wtagents’ built-in example agent: a script, no AI model.';

const MULTIPLY = `
export function multiply(a, b) {
  return a * b;
}
`;

export const MULTIPLY_TASK = 'Add a multiply function with a test';
export const DIVIDE_TASK = 'Make divide refuse division by zero';

/** The steps for a task title and round. */
export function scenarioFor(title: string, round: number): ScriptStep[] {
  const t = title.toLowerCase();
  if (t.includes('multiply')) return multiply();
  if (t.includes('divide')) return round > 1 ? divideFix() : divide();
  return generic(title);
}

function multiply(): ScriptStep[] {
  return [
    { say: `${LABEL} Reading the task packet.` },
    { read: 'src/calc.js' },
    { say: 'I will add multiply() next to the other helpers and cover it with a test.' },
    { edit: 'src/calc.js', find: '\nexport function divide', replace: `${MULTIPLY}\nexport function divide` },
    { edit: 'test/calc.test.js', find: '{ add, subtract, divide }', replace: '{ add, subtract, multiply, divide }' },
    { edit: 'test/calc.test.js', find: "test('divide',", replace: "test('multiply', () => assert.equal(multiply(4, 3), 12));\ntest('divide'," },
    { run: 'node --test' },
    { commit: 'Add multiply() with a test' },
    {
      report: {
        summary: 'Added `multiply(a, b)` to src/calc.js and a test for it.',
        files: ['src/calc.js', 'test/calc.test.js'],
        commands: ['node --test (all tests pass)'],
        risks: 'None known: a new function, nothing existing changed.',
        recommendation: 'merge',
        why: 'small, tested, in scope.',
      },
    },
  ];
}

function divide(): ScriptStep[] {
  return [
    { say: `${LABEL} Reading the task packet.` },
    { read: 'src/calc.js' },
    { say: 'divide() should throw a RangeError when b is 0.' },
    { edit: 'src/calc.js', find: '  return a / b;', replace: "  if (b === 0) throw new RangeError('division by zero');\n  return a / b;" },
    { edit: 'test/calc.test.js', find: "test('divide by zero is Infinity'", replace: "test('divide by zero throws', () => assert.throws(() => divide(1, 0), RangeError));\ntest('divide by zero is Infinity'" },
    { run: "node --test --test-name-pattern='throws'" },
    { say: 'The new test passes. Everything looks good.' },
    { commit: 'Make divide() throw on division by zero' },
    {
      report: {
        summary: 'divide() now throws a RangeError when dividing by zero; added a test.',
        files: ['src/calc.js', 'test/calc.test.js'],
        commands: ["node --test --test-name-pattern='throws' (passes)"],
        risks: 'Callers that relied on Infinity will now get an exception.',
        recommendation: 'merge',
        why: 'the new behaviour is tested and the change is small.',
      },
    },
  ];
}

function divideFix(): ScriptStep[] {
  return [
    { say: `${LABEL} Reading the reviewer’s feedback.` },
    { read: 'test/calc.test.js' },
    { say: 'The old test still expected Infinity. I will remove it: the new test covers division by zero.' },
    { edit: 'test/calc.test.js', find: "test('divide by zero is Infinity', () => assert.equal(divide(1, 0), Infinity));\n", replace: '' },
    { run: 'node --test' },
    { commit: 'Drop the outdated Infinity test' },
    {
      report: {
        summary: 'Removed the test that expected Infinity; the whole suite now passes.',
        files: ['test/calc.test.js'],
        commands: ['node --test (all tests pass)'],
        risks: 'Callers that relied on Infinity will now get an exception (intended).',
        recommendation: 'merge',
        why: 'all checks pass now.',
      },
    },
  ];
}

function generic(title: string): ScriptStep[] {
  return [
    { say: `${LABEL} This task is not one of the demo's, so I will only leave a note.` },
    { edit: 'NOTES.md', find: '', replace: `# Notes\n\nThe example agent was asked: ${title}\n` },
    { commit: 'Add a note from the example agent' },
    {
      report: {
        summary: 'Wrote NOTES.md; the example agent cannot do real work.',
        files: ['NOTES.md'],
        commands: [],
        risks: 'Nothing was really done.',
        recommendation: 'abandon',
        why: 'this is a scripted example, not an agent.',
      },
    },
  ];
}
