// The pull cursor (docs/sync.md §5, docs/sync.md §7.2 item 20): base64url of
// `{ "v": 1, "epoch": "<db epoch>", "c": <commune seq>, "p": <province seq>, "s": "<scope tag>" }`.
// Opaque to clients: they store it after applying the page it came with and send it back.
// `s` ties the positions to the scopes they were read from: if the user's commune changes, the
// old positions mean nothing and that pull starts over instead of skipping records.
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const CURSOR_VERSION = 1;

export interface Cursor {
  epoch: string;
  /** Last row_seq delivered from the commune scope (0 = none). */
  c: number;
  /** Last row_seq delivered from the province scope (0 = none). */
  p: number;
  /** Tag of the scopes the positions belong to. */
  s: string;
}

const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const cursorSchema = z.object({ v: z.number().int(), epoch: z.string().max(64), c: seqSchema, p: seqSchema, s: z.string().max(32) });

/** A short, stable tag of a user's read scopes. */
export function scopeTag(commune: string | undefined, province: string | undefined): string {
  return createHash('sha256').update(`${commune ?? ''}|${province ?? ''}`).digest('base64url').slice(0, 11);
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ v: CURSOR_VERSION, ...cursor })).toString('base64url');
}

export type DecodedCursor = { kind: 'ok'; cursor: Cursor } | { kind: 'old_version' } | { kind: 'malformed' };

export function decodeCursor(text: string): DecodedCursor {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return { kind: 'malformed' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return { kind: 'malformed' };
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) return { kind: 'malformed' };
  // A cursor from another cursor format is not an error: the client simply starts over.
  if (parsed.data.v !== CURSOR_VERSION) return { kind: 'old_version' };
  const { epoch, c, p, s } = parsed.data;
  return { kind: 'ok', cursor: { epoch, c, p, s } };
}
