/** Injected by Vite's `define` from src/shared/version.ts. */
declare const __APP_VERSION__: string;
