import { describe, expect, it } from 'vitest';
import { checklistItemRecordId, sha1, uuidV5 } from './item-id';
import { idSchema } from '../schemas/common';
import { uuidv7 } from '../sync/ids';
import { seedChecklistTemplates } from '../seed';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('checklist item record ids', () => {
  it('computes SHA-1 test vectors (FIPS 180-4 examples, multi-block, empty)', () => {
    expect(hex(sha1(utf8('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(utf8('')))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex(sha1(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  });

  it('matches WebCrypto SHA-1 on texts of every padding length, with Vietnamese text', async () => {
    for (let n = 0; n < 140; n++) {
      const input = utf8('Ngọk Bay đăk '.repeat(20).slice(0, n));
      const expected = hex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', input)));
      expect(hex(sha1(input))).toBe(expected);
    }
  });

  it('gives the RFC 9562 UUIDv5 example', () => {
    // RFC 9562 Appendix A.4: DNS namespace, "www.example.com".
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives the same ids as the seed builder (node:crypto) for the seeded templates', () => {
    for (const template of seedChecklistTemplates()) {
      expect(uuidV5('a32219c3-30e4-469a-b96f-1ef47ce4b74f', `checklistTemplates/${template.templateId}/v${template.version}`)).toBe(template.id);
    }
  });

  it('is stable per (checklist, item), distinct otherwise, and a valid record id', () => {
    const checklist = uuidv7();
    const other = uuidv7();
    const id = checklistItemRecordId(checklist, 'qng25-email-01');
    expect(checklistItemRecordId(checklist, 'qng25-email-01')).toBe(id);
    expect(checklistItemRecordId(checklist, 'qng25-email-02')).not.toBe(id);
    expect(checklistItemRecordId(other, 'qng25-email-01')).not.toBe(id);
    expect(idSchema.safeParse(id).success).toBe(true);
    expect(id[14]).toBe('5');
  });
});
