// The first screen's strings are bundled; a feature's strings arrive with its screen, in either
// language, and a language switch loads what is in use.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { applyLanguage, initI18n, NAMESPACES, withStrings } from './i18n';

describe('i18n', () => {
  it('knows every namespace of locales/vi', () => {
    const files = Object.keys(import.meta.glob('../../../locales/vi/*.json')).map((path) => path.slice(path.lastIndexOf('/') + 1, -'.json'.length));
    expect([...NAMESPACES].sort()).toEqual(files.sort());
  });

  it('has the first screen in Vietnamese at once and loads a feature’s strings with its screen', async () => {
    await initI18n('vi');
    expect(i18next.hasResourceBundle('vi', 'common')).toBe(true);
    expect(i18next.hasResourceBundle('vi', 'auth')).toBe(true);
    expect(i18next.hasResourceBundle('vi', 'contacts')).toBe(false);
    // The sync strings come with the lazy parts that show them (the status badge, Settings).
    expect(i18next.hasResourceBundle('vi', 'sync')).toBe(false);

    const screen = await withStrings('contacts', () => Promise.resolve('the screen module'));
    expect(screen).toBe('the screen module');
    expect(i18next.hasResourceBundle('vi', 'contacts')).toBe(true);
    expect(i18next.t('contacts:title')).not.toBe('title');
  });

  it('finds every namespace in either language, the console\'s and English from their shared chunks', async () => {
    await initI18n('vi');
    for (const language of ['vi', 'en'] as const) {
      await i18next.loadLanguages(language);
      await i18next.loadNamespaces([...NAMESPACES]);
      await applyLanguage(language);
      for (const namespace of NAMESPACES) expect(`${language}/${namespace}: ${String(i18next.hasResourceBundle(language, namespace))}`).toBe(`${language}/${namespace}: true`);
    }
    expect(i18next.getFixedT('en', 'console')('area.title')).not.toBe(i18next.getFixedT('vi', 'console')('area.title'));
    await applyLanguage('vi');
  });

  it('switching to English loads the English strings of the namespaces in use', async () => {
    await initI18n('vi');
    await withStrings('reports', () => Promise.resolve(null));
    await applyLanguage('en');
    expect(document.documentElement.lang).toBe('en');
    expect(i18next.hasResourceBundle('en', 'reports')).toBe(true);
    expect(i18next.t('reports:title')).not.toBe(i18next.getFixedT('vi', 'reports')('title'));
    await applyLanguage('vi');
    expect(document.documentElement.lang).toBe('vi');
  });
});
