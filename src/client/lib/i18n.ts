// i18next set-up. Vietnamese is the source of truth. Each feature owns a namespace file in
// locales/<lang>/<ns>.json. The strings of the first screen (the shell and sign-in) ship in the
// first chunk; every other namespace, and every English one, is a chunk of its own,
// loaded with the screen that needs it (precached by the service worker like any chunk, so it
// opens offline too). That keeps the first screen's JS small as features add strings.
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

type Bundle = Record<string, unknown>;

/** Namespaces the first screen needs, bundled in Vietnamese. */
// Not 'sync': its strings are shown only by lazy parts (the status badge, the storage warning,
// Settings), each loaded with them (docs/first-visit.md).
const FIRST_SCREEN_NAMESPACES = ['common', 'auth'] as const;
const firstScreen = import.meta.glob<Bundle>('../../../locales/vi/{common,auth}.json', { eager: true, import: 'default' });
const onDemand = import.meta.glob<Bundle>(['../../../locales/*/*.json', '!../../../locales/vi/{common,auth}.json'], { import: 'default' });

const namespaceOf = (path: string) => path.slice(path.lastIndexOf('/') + 1, -'.json'.length);

/** Every namespace the app has (the Vietnamese files are the source of truth). */
export const NAMESPACES: readonly string[] = [
  ...FIRST_SCREEN_NAMESPACES,
  ...Object.keys(onDemand)
    .filter((path) => path.includes('/vi/'))
    .map(namespaceOf),
];

/** i18next reads a namespace it does not have yet from its own chunk. */
const chunkBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, namespace, callback) {
    const load = onDemand[`../../../locales/${language}/${namespace}.json`];
    if (!load) {
      callback(new Error(`No strings for ${language}/${namespace}`), false);
      return;
    }
    load().then(
      (bundle) => callback(null, bundle),
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
