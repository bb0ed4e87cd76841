// i18next set-up. Vietnamese is the source of truth. Each feature owns a namespace file in
// locales/<lang>/<ns>.json. The strings of the first screen (the shell and sign-in) ship in the
// first chunk; every other Vietnamese namespace is a chunk of its own (the console's three share
// one), loaded with the screen that needs it; English is one chunk, loaded whole. All are
// precached by the service worker like any chunk, so they open offline too. That keeps the first
// screen's JS small as features add strings.
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

type Bundle = Record<string, unknown>;

/** Namespaces the first screen needs, bundled in Vietnamese. */
// Not 'sync': its strings are shown only by lazy parts (the status badge, the storage warning,
// Settings), each loaded with them (docs/first-visit.md).
const FIRST_SCREEN_NAMESPACES = ['common', 'auth'] as const;
const firstScreen = import.meta.glob<Bundle>('../../../locales/vi/{common,auth}.json', { eager: true, import: 'default' });
/** The console's namespaces, one chunk for the three (strings-console.ts). */
const CONSOLE_NAMESPACES = ['console', 'reference', 'guides'] as const;
const onDemand = import.meta.glob<Bundle>(['../../../locales/vi/*.json', '!../../../locales/vi/{common,auth,console,reference,guides}.json'], { import: 'default' });

const namespaceOf = (path: string) => path.slice(path.lastIndexOf('/') + 1, -'.json'.length);

/** Every namespace the app has (the Vietnamese files are the source of truth). */
export const NAMESPACES: readonly string[] = [...FIRST_SCREEN_NAMESPACES, ...CONSOLE_NAMESPACES, ...Object.keys(onDemand).map(namespaceOf)];

/**
 * Where a namespace's strings come from: a Vietnamese one from its own chunk, loaded with its screen;
 * the console's from their shared chunk; English whole, from one chunk (docs/performance.md "Budgets").
 */
function loaderOf(language: string, namespace: string): (() => Promise<Bundle | undefined>) | undefined {
  const path = `../../../locales/${language}/${namespace}.json`;
  if (language === 'en') return () => import('./strings-en').then((strings) => strings.default[path]);
  if (language === 'vi' && (CONSOLE_NAMESPACES as readonly string[]).includes(namespace)) {
    return () => import('./strings-console').then((strings) => strings.default[path]);
  }
  return language === 'vi' ? onDemand[path] : undefined;
}

/** i18next reads a namespace it does not have yet from its chunk. */
const chunkBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, namespace, callback) {
    const load = loaderOf(language, namespace);
    if (!load) {
      callback(new Error(`No strings for ${language}/${namespace}`), false);
      return;
    }
    load().then(
      (bundle) => (bundle ? callback(null, bundle) : callback(new Error(`No strings for ${language}/${namespace}`), false)),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export async function initI18n(language: Language = DEFAULT_LANGUAGE): Promise<typeof i18next> {
  if (!i18next.isInitialized) {
    const vi = Object.fromEntries(Object.entries(firstScreen).map(([path, bundle]) => [namespaceOf(path), bundle]));
    await i18next
      .use(chunkBackend)
      .use(initReactI18next)
      .init({
        lng: DEFAULT_LANGUAGE,
        fallbackLng: DEFAULT_LANGUAGE,
        supportedLngs: [...LANGUAGES],
        resources: { vi },
        // Bundled resources plus the backend for the rest (i18next otherwise skips the backend).
        partialBundledLanguages: true,
        ns: [...FIRST_SCREEN_NAMESPACES],
        defaultNS: 'common',
        interpolation: { escapeValue: false }, // React escapes already
        returnNull: false,
      });
  }
  await applyLanguage(language);
  return i18next;
}

/** Switches the UI language (loading the strings in use first) and the document's lang attribute. */
export async function applyLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

/**
 * Loads a lazy screen together with its strings, so that the screen does not open and then wait
 * again for them (one round of loading, not two).
 */
export async function withStrings<T>(namespace: string | string[], load: () => Promise<T>): Promise<T> {
  const [module] = await Promise.all([load(), i18next.loadNamespaces(namespace)]);
  return module;
}
