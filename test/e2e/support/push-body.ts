// What a push request carried, read from the browser's own request (its body gzipped or not): the
// sync e2e suites and the sync benches check which mutations went over the link, and when.
import { gunzipSync } from 'node:zlib';
import type { Request } from 'playwright-core';

/** The mutation ids a push request carries (its body gzipped or not). */
export function pushedIds(request: Request): string[] {
  const body = request.postDataBuffer();
  const json = body && request.headers()['content-encoding'] === 'gzip' ? gunzipSync(body).toString('utf8') : (body?.toString('utf8') ?? '{}');
  return (JSON.parse(json) as { mutations: { id: string }[] }).mutations.map((m) => m.id);
}
