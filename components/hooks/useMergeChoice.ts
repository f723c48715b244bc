// The merge question's choices: the strategy (merge / squash / rebase-then-fast-forward, starting from the
// config's) and the commit message, generated from the task and rewritten in $EDITOR when asked (Ink leaves
// the terminal to the editor and comes back). What the merge is then given: { strategy, message? }.
import { useApp } from 'ink';
import { useState } from 'react';
import { configStrategy } from '../../src/core/config.js';
import type { MergeStrategy } from '../../src/core/decision.js';
import { nextStrategy } from '../../src/app/review-view.js';
import { useServices } from '../context.js';

export interface MergeChoice {
  strategy: MergeStrategy;
  /** The user's message, or null for the generated one. */
  message: string | null;
  /** Switch to the next strategy. */
  cycle: () => void;
  /** Write the message in $EDITOR (not for rebase: its commits keep their messages). */
  edit: (onError: (e: unknown) => void) => void;
  /** The merge's options from these choices. */
  options: () => { strategy: MergeStrategy; message?: string };
}

export function useMergeChoice(taskDir: string): MergeChoice {
  const services = useServices();
  const { suspendTerminal } = useApp();
  const [strategy, setStrategy] = useState<MergeStrategy>(() => configStrategy(services.config));
  const [message, setMessage] = useState<string | null>(null);
  return {
    strategy,
    message,
    cycle: () => setStrategy(nextStrategy(strategy)),
    edit(onError) {
      if (strategy === 'rebase') return;
      services
        .mergeMessage(taskDir, strategy === 'squash')
        .then((generated) =>
          suspendTerminal(() => {
            const text = services.editText(message ?? generated);
            if (text !== null && text.trim() !== '') setMessage(text);
          }),
        )
        .catch(onError);
    },
    options: () => ({ strategy, ...(message !== null && strategy !== 'rebase' ? { message } : {}) }),
  };
}
