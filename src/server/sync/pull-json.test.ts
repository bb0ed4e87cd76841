// The pull page written from stored JSON must be the very text JSON.stringify gives for the
// object path (decode → redact → toWireRecord), for any record the database can hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../shared/sync/hlc';
import type { SyncedRecord } from '../../shared/sync/merge';
import { toWireRecord, type PullResponse } from '../../shared/sync/protocol';
import { redactForReader } from '../../shared/sync/redaction';
import { decodeRecordRow, encodeRecord } from '../storage/rows';
import type { StoredRecord } from '../storage/record-types';
import { pullResponseJson } from './pull-json';

const PAGE = { cursor: 'v1.abc"quoted"', hasMore: true, serverTime: '2026-11-23T03:00:00.000Z' };
const HLCS = [0, 1, 2].map((k) => formatHlc({ millis: Date.UTC(2026, 10, 23, 3, k), counter: k, node: '00000000000000a' + k }));

/** What the route sent before: every row's record parsed, redacted, put in wire form and serialized. */
function objectPath(role: 'member' | 'reviewer', rows: readonly StoredRecord[]): string {
  const changes = rows.map((row) => ({ table: row.table, id: row.record.id, record: toWireRecord(redactForReader({ role }, row.table, row.record)) }));
  return JSON.stringify({ changes, ...PAGE } satisfies PullResponse);
}

const text = fc.string({ unit: fc.constantFrom('a', 'ễ', '"', '\\', '\n', '\u2028', '😀', '}', ',', ' ') });
const value = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.dictionary(text, text, { maxKeys: 3 }));
const record = fc
  .tuple(fc.uuid(), fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((key) => key !== 'id' && key !== 'clocks' && key !== '_c'), value, { maxKeys: 8 }))
  .chain(([id, fields]) =>
    fc.tuple(fc.constant(id), fc.constant(fields), fc.array(fc.constantFrom(...HLCS), { minLength: Object.keys(fields).length, maxLength: Object.keys(fields).length })),
  )
  .map(([id, fields, hlcs]): SyncedRecord => ({ ...fields, id, clocks: Object.fromEntries(Object.keys(fields).map((key, i) => [key, hlcs[i]!])) }));

function stored(table: string, synced: SyncedRecord, rowSeq: number) {
  const { fields, clocks } = encodeRecord(synced);
  return decodeRecordRow({ table_name: table, id: synced.id, scope: 'xa-thu', fields, clocks, row_seq: rowSeq });
}

describe('pullResponseJson', () => {
  it('writes stored records exactly as JSON.stringify of their wire form (any fields, any text, empty records)', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), (records) => {
        const rows = records.map((r, i) => stored('contacts', r, i + 1));
        const text = pullResponseJson({ role: 'member' }, rows, PAGE);
        // Fresh rows for the object path: reading `record` there must not help the other side.
        expect(text).toBe(objectPath('member', records.map((r, i) => stored('contacts', r, i + 1))));
        expect(JSON.parse(text)).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out what the reader may not see: no citizen details in an assistance log for a reviewer', () => {
    const log: SyncedRecord = {
      id: '01a20803-e7bb-769d-968f-50c1f1a98bec',
      serviceId: 'vneid-install-register',
      citizen: { name: 'Nguyễn Thị Hoà', phone: '0912345678' },
      clocks: { serviceId: HLCS[0]!, citizen: HLCS[1]! },
    };
    const rows = [stored('assistanceLogs', log, 1)];
    const forReviewer = pullResponseJson({ role: 'reviewer' }, rows, PAGE);
    expect(forReviewer).not.toContain('Hoà');
    expect(forReviewer).toBe(objectPath('reviewer', [stored('assistanceLogs', log, 1)]));
    const forMember = pullResponseJson({ role: 'member' }, rows, PAGE);
    expect(forMember).toContain('Nguyễn Thị Hoà');
    expect(forMember).toBe(objectPath('member', [stored('assistanceLogs', log, 1)]));
  });

  it('does not parse a stored record it can send as stored', () => {
    const row = stored('contacts', { id: '01a20803-e7bb-769d-968f-50c1f1a98bed', name: 'Anh Tuấn', clocks: { name: HLCS[0]! } }, 1);
    let parsed = 0;
    const parse = JSON.parse;
    JSON.parse = ((text: string): unknown => {
      if (text.includes('Tuấn')) parsed += 1;
      return parse(text);
    }) as typeof JSON.parse;
    try {
      pullResponseJson({ role: 'member' }, [row], PAGE);
    } finally {
      JSON.parse = parse;
    }
    expect(parsed).toBe(0);
  });
});
