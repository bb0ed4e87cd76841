// The one definition of "an API path", shared by the headers, static and error code,
// so /api can never be served the SPA shell or cached by accident.

/** The path part of a request URL, without the query string. */
export function pathnameOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/**
 * The path as the router sees it: percent-decoded (find-my-way routes `/%61pi/health` to
 * `/api/health`), so a check on the raw URL cannot be sidestepped by spelling the same path
 * another way. A malformed escape is left as it is (the router answers 400 for it).
 */
function decodedPathname(url: string): string {
  const pathname = pathnameOf(url);
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** Case-insensitive too: `/API/…` is no route, but its answer is still never cached. */
export function isApiPath(url: string): boolean {
  const pathname = decodedPathname(url).toLowerCase();
  return pathname === '/api' || pathname.startsWith('/api/');
}
