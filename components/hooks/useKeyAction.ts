// Keys → actions through the key table: a screen gets typed action names, never raw keys. A binding can
// say why it cannot act now (lazygit's GetDisabledReason): the reason is reported instead of the action.
import { useInput } from 'ink';
import { actionFor, keyName, splitKeys, type Action, type Screen } from '../../src/core/keys.js';
import { useServices } from '../context.js';

export interface KeyActionOptions<S extends Screen> {
  /** Whether this screen takes keys now (default true). */
  active?: boolean;
  /** Why `action` cannot act now, or null when it can. */
  disabledReason?: (action: Action<S>) => string | null;
  /** Told the reason when a disabled action's key is pressed. */
  onDisabled?: (reason: string, action: Action<S>) => void;
}

export function useKeyAction<S extends Screen>(screen: S, onAction: (action: Action<S>) => void, opts: boolean | KeyActionOptions<S> = true): void {
  const { keys } = useServices();
  const o: KeyActionOptions<S> = typeof opts === 'boolean' ? { active: opts } : opts;
  useInput(
    (input, key) => {
      const name = keyName(input, key);
      // Keys that arrived merged (sent faster than read) are taken one by one.
      for (const n of name === null ? (splitKeys(input, key) ?? []) : [name]) {
        const action = actionFor(keys, screen, n);
        if (!action) continue;
        const reason = o.disabledReason?.(action) ?? null;
        if (reason !== null) o.onDisabled?.(reason, action);
        else onAction(action);
      }
    },
    { isActive: o.active ?? true },
  );
}
