import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
// With extensions: Vite's native config loader (its announced default) resolves no bare paths,
// and the build warns about every one.
import { APP_VERSION } from './src/shared/version.ts';
import { shellCss } from './src/server/security-headers.ts';

/**
 * The base CSS inside index.html (its CSP hash: src/server/security-headers.ts), so the static app
 * shell in index.html paints with no request but the page's own. After Vite's own HTML handling,
 * so nothing rewrites the text the hash covers.
 */
function inlineShellCss(): Plugin {
  return {
    name: 'so-tay-so:inline-shell-css',
    transformIndexHtml: { order: 'post', handler: (html) => html.replace('</head>', `<style>${shellCss()}</style></head>`) },
  };
}

/**
 * The entry and its module preloads at low fetch priority (docs/first-visit.md "The first paint"):
 * the static shell paints without them, so they are not render-critical — said to the browser,
 * whose default gives module scripts the priority of a script that blocks rendering, and to
 * Lighthouse's simulation, which otherwise charges their download to the first paint.
 */
function scriptsAtLowPriority(): Plugin {
  return {
    name: 'so-tay-so:scripts-at-low-priority',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace(/<script type="module" /g, '<script type="module" fetchpriority="low" ').replace(/<link rel="modulepreload" /g, '<link rel="modulepreload" fetchpriority="low" '),
    },
  };
}

/** What the notice of a wipe renders first (app/lock-check.tsx, components/ui/screen.tsx), in Vietnamese like index.html's shell. */
const WIPED_FRAME = '<main id="main" class="lock-shell"><section class="screen" aria-labelledby="screen-title"><header class="screen-header"><h1 id="screen-title">Dữ liệu trên máy này đã được xóa</h1></header></section></main>';

/**
 * wiped.html: index.html with the notice's frame in place of the shell and Home. After a withdrawn
 * phone's wipe the page starts again there (sync/runtime.ts), so its first paint is the notice, not
 * Home (docs/security.md "Revoke and wipe"). Not precached: the wipe removed the service worker.
 */
function wipedPage(): Plugin {
  return {
    name: 'so-tay-so:wiped-page',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const index = bundle['index.html'];
      const html = index?.type === 'asset' ? String(index.source) : '';
      const start = html.indexOf('<div id="root">');
      const end = html.indexOf('<noscript>');
      if (start < 0 || end < start) throw new Error('wiped.html: #root or <noscript> not found in index.html');
      this.emitFile({ type: 'asset', fileName: 'wiped.html', source: `${html.slice(0, start)}<div id="root">${WIPED_FRAME}</div>\n    ${html.slice(end)}` });
    },
  };
}

// The PWA shell: everything the first screen needs is precached so the app opens
// with no network after the first visit. /api is never cached (citizen data, docs/privacy.md checklist #23).
export default defineConfig({
  root: '.',
  publicDir: 'public',
  define: { __APP_VERSION__: JSON.stringify(APP_VERSION) },
  build: { outDir: 'dist', sourcemap: false, target: 'es2022', assetsInlineLimit: 0 },
  // workbox-window's "module" entry is its ES5 build (2.3 KB gzip, with transpiled async code);
  // its ES2017 build (1.4 KB) runs on every browser the app supports (target es2022) — the
  // precache is 1 KB lighter (docs/first-visit.md).
  resolve: { alias: [{ find: /^workbox-window$/, replacement: 'workbox-window/build/workbox-window.prod.mjs' }] },
  plugins: [
    react(),
    inlineShellCss(),
    scriptsAtLowPriority(),
    wipedPage(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      // The favicon and the icons are precached once, by globPatterns below (the manifest by the
      // plugin itself): listing them here too put each twice in sw.js's list (docs/performance.md).
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Sổ tay số — Tổ công nghệ số cộng đồng',
        short_name: 'Sổ tay số',
        description: 'Sổ tay điện tử cho Tổ công nghệ số cộng đồng: ghi nhận hỗ trợ người dân, danh mục kiểm tra và danh bạ hỗ trợ, dùng được khi không có mạng.',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#0b5c47',
        categories: ['productivity', 'government'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Not the web manifest: the plugin adds it to the list itself.
        globPatterns: ['**/*.{js,css,html,svg,png,json}'],
        // The notice of a wipe (its screen and its strings, not wipe-notice.ts, which every start
        // reads) is only ever shown by a phone without a service worker: the wipe removes it, and it
        // is registered again once the notice is read (lib/pwa.ts). Precached, it never served.
        globIgnores: ['**/node_modules/**/*', 'wiped.html', 'assets/wiped-screen-*.js', 'assets/wipe-????????.js'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // First install may control the open page at once (there is no older version to protect);
        // updates still wait for the user (registerType: 'prompt').
        clientsClaim: true,
        // Never cache API responses: they carry citizens' data.
        runtimeCaching: [],
      },
    }),
  ],
});
