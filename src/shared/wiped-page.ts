// The page a wiped phone starts on (docs/security.md "Revoke and wipe"): index.html with the
// notice's title painted instead of Home, made by the build (vite.config.ts), and the cookie by
// which the phone asks the server for it while the notice is unread (client data/wipe-notice.ts,
// server static.ts). The cookie says only that: no reason, no counts, nothing of the commune.

/** The notice's page, as the build names it and the phone opens it. */
export const WIPED_PAGE = '/wiped.html';

/** Set while the notice is unread: the server then answers any page of the app with WIPED_PAGE. */
export const WIPED_COOKIE = 'so-tay-so-wiped';
