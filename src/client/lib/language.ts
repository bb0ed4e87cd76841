// The UI language of this phone: remembered in IndexedDB, applied through i18next.
import { readBootSetting } from '../data/boot-settings';
import { applyLanguage, DEFAULT_LANGUAGE, isLanguage, type Language } from './i18n';

const KEY = 'language';

/** Read before the first render, without Dexie (data/boot-settings.ts): the first screen stays small. */
export async function loadSavedLanguage(): Promise<Language> {
  try {
    const saved = await readBootSetting(KEY);
    return isLanguage(saved) ? saved : DEFAULT_LANGUAGE;
  } catch {
    // IndexedDB unavailable (private mode, storage wiped): Vietnamese is always a safe start.
    return DEFAULT_LANGUAGE;
  }
}

export async function chooseLanguage(language: Language): Promise<void> {
  await applyLanguage(language);
  const { putSetting } = await import('../data/settings-repository');
  await putSetting(KEY, language);
}
