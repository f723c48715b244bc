// The services (engine access) reach components through this context; tests give real ones on temp repos.
// The keypress stack (key-stack.tsx) comes with them: it reads the key table the services resolved.
import { createContext, useContext, type ReactNode } from 'react';
import type { TuiServices } from '../src/app/services.js';
import { KeyStackProvider } from './key-stack.js';

const ServicesContext = createContext<TuiServices | null>(null);

export function ServicesProvider({ services, children }: { services: TuiServices; children: ReactNode }) {
  return (
    <ServicesContext.Provider value={services}>
      <KeyStackProvider keys={services.keys}>{children}</KeyStackProvider>
    </ServicesContext.Provider>
  );
}

export function useServices(): TuiServices {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices() outside <ServicesProvider>');
  return s;
}
