// The one definition of "an API path", shared by the headers, static and error code,
// so /api can never be served the SPA shell or cached by accident.

/** The path part of a request URL, without the query string. */
export function pathnameOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

export function isApiPath(url: string): boolean {
  const pathname = pathnameOf(url);
  return pathname === '/api' || pathname.startsWith('/api/');
}
