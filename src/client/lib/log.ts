// The client's one logger: quiet in production, never given personal data.
/* eslint-disable no-console */
const enabled = import.meta.env.DEV || import.meta.env.MODE === 'test';

export const log = {
  info: (message: string, detail?: unknown) => { if (enabled) console.info(`[so-tay-so] ${message}`, detail ?? ''); },
  warn: (message: string, detail?: unknown) => { console.warn(`[so-tay-so] ${message}`, detail ?? ''); },
  error: (message: string, detail?: unknown) => { console.error(`[so-tay-so] ${message}`, detail ?? ''); },
};
