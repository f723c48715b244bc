// The services (engine access) reach components through this context; tests give real ones on temp repos.
import { createContext, useContext, type ReactNode } from 'react';
import type { TuiServices } from '../src/app/services.js';

const ServicesContext = createContext<TuiServices | null>(null);

export function ServicesProvider({ services, children }: { services: TuiServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): TuiServices {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices() outside <ServicesProvider>');
  return s;
}
