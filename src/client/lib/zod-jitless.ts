// zod compiles its object parsers with `new Function` when it may; to find out, it tries once.
// The app's CSP forbids eval, so the try only fails — and the browser reports it as a CSP
// violation (Lighthouse: best practices). `jitless` skips the try. zod reads its configuration
// from this global when it loads (zod/v4/core: globalConfig), so it is set before any zod module
// is evaluated: main.tsx imports this file first. Without zod itself, which the first screen
// does not load.
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };
