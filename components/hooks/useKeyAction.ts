// Keys → actions through the key table: a screen gets action names, never raw keys.
import { useInput } from 'ink';
import { actionFor, keyName, splitKeys, type Screen } from '../../src/core/keys.js';
import { useServices } from '../context.js';

export function useKeyAction(screen: Screen, onAction: (action: string) => void, isActive = true): void {
  const { keys } = useServices();
  useInput(
    (input, key) => {
      const name = keyName(input, key);
      // Keys that arrived merged (sent faster than read) are taken one by one.
      for (const n of name === null ? (splitKeys(input, key) ?? []) : [name]) {
        const action = actionFor(keys, screen, n);
        if (action) onAction(action);
      }
    },
    { isActive },
  );
}
