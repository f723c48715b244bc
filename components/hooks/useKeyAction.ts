// Keys → actions through the key table: a screen gets action names, never raw keys.
import { useInput } from 'ink';
import { actionFor, keyName, type Screen } from '../../src/core/keys.js';
import { useServices } from '../context.js';

export function useKeyAction(screen: Screen, onAction: (action: string) => void, isActive = true): void {
  const { keys } = useServices();
  useInput(
    (input, key) => {
      const action = actionFor(keys, screen, keyName(input, key));
      if (action) onAction(action);
    },
    { isActive },
  );
}
