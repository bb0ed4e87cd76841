// i18next set-up. Vietnamese is the source of truth and ships in the first chunk;
// English is loaded on demand. Each feature owns a namespace file in locales/<lang>/<ns>.json.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

type Bundle = Record<string, unknown>;

const vietnamese = import.meta.glob<Bundle>('../../../locales/vi/*.json', { eager: true, import: 'default' });
const english = import.meta.glob<Bundle>('../../../locales/en/*.json', { import: 'default' });

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

const namespaceOf = (path: string) => path.slice(path.lastIndexOf('/') + 1, -'.json'.length);

async function loadBundles(language: Language): Promise<void> {
  if (language === 'vi' || i18next.hasResourceBundle(language, 'common')) return;
  await Promise.all(
    Object.entries(english).map(async ([path, load]) => {
      i18next.addResourceBundle(language, namespaceOf(path), await load(), true, true);
    }),
  );
}

export async function initI18n(language: Language = DEFAULT_LANGUAGE): Promise<typeof i18next> {
  if (!i18next.isInitialized) {
    const vi = Object.fromEntries(Object.entries(vietnamese).map(([path, bundle]) => [namespaceOf(path), bundle]));
    await i18next.use(initReactI18next).init({
      lng: DEFAULT_LANGUAGE,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      resources: { vi },
      ns: Object.keys(vi),
      defaultNS: 'common',
      interpolation: { escapeValue: false }, // React escapes already
      returnNull: false,
    });
  }
  await applyLanguage(language);
  return i18next;
}

/** Switches the UI language (loading its strings first) and the document's lang attribute. */
export async function applyLanguage(language: Language): Promise<void> {
  await loadBundles(language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
