// The soak's checker must be able to fail: a short soak on SQLite passes it, then copies of its
// database are corrupted the ways a broken server would corrupt them — an acknowledged record
// dropped, a field overwritten, a record moved into the other commune — and a change is made to
// have been neither acknowledged nor listed as not accepted; the checker must name each.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSoak } from './checker';
import { readServerRecords, runSoak, type SoakResult } from './soak';

describe('the soak checker', () => {
  let result: SoakResult;
  let file: string;
  const copies: string[] = [];

  beforeAll(async () => {
    result = await runSoak({ backend: 'sqlite', seconds: 6, seed: 20261203 });
    if (result.database.kind !== 'sqlite') throw new Error('expected SQLite');
    file = result.database.file;
  }, 180_000);

  afterAll(async () => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
    await result?.dispose();
  });

  /** The checker's verdict on a copy of the server's database after `corrupt` ran on it. */
  async function verdictAfter(corrupt: (db: Database.Database) => void): Promise<string[]> {
    const dir = mkdtempSync(path.join(tmpdir(), 'so-tay-so-soak-corrupt-'));
    copies.push(dir);
    const copy = path.join(dir, 'copy.sqlite');
    for (const suffix of ['', '-wal']) if (existsSync(file + suffix)) copyFileSync(file + suffix, copy + suffix);
    const db = new Database(copy);
    try {
      corrupt(db);
    } finally {
      db.close();
    }
    return checkSoak({ ...result.input, server: await readServerRecords({ kind: 'sqlite', file: copy }) });
  }

  const ackedRecord = () => {
    const mutation = [...result.input.ledger.mutations.values()].find((m) => result.input.ledger.acked.has(m.id) && m.table === 'contacts' && 'name' in m.fields);
    if (!mutation) throw new Error('the soak acknowledged no contact');
    return mutation;
  };

  it('[I2][I3][I4][I8] passes the soak it judged, which did something', () => {
    expect(result.problems).toEqual([]);
    expect(result.input.ledger.acked.size).toBeGreaterThan(20);
    expect(result.input.server.length).toBeGreaterThan(5);
  });

  it('[I3] catches an acknowledged record dropped from the database', async () => {
    const { recordId } = ackedRecord();
    const problems = await verdictAfter((db) => db.prepare('DELETE FROM records WHERE id = ?').run(recordId));
    expect(problems.join('\n')).toMatch(new RegExp(`acknowledged write lost: .*contacts/${recordId}`));
    expect(problems.join('\n')).toMatch(/is not on the server/);
  });

  it('[I1][I2] catches a field overwritten in the database', async () => {
    const { recordId } = ackedRecord();
    const problems = await verdictAfter((db) => db.prepare("UPDATE records SET fields = json_set(fields, '$.name', 'Hỏng') WHERE id = ?").run(recordId));
    expect(problems.join('\n')).toMatch(new RegExp(`contacts/${recordId}.name: the server holds "Hỏng"`));
    expect(problems.join('\n')).toMatch(new RegExp(`contacts/${recordId} differs from the server`));
  });

  it('[I8] catches a record moved into the other commune', async () => {
    const { recordId, communeId } = ackedRecord();
    const other = communeId === 'xa-soak-a' ? 'xa-soak-b' : 'xa-soak-a';
    const problems = (await verdictAfter((db) => db.prepare("UPDATE records SET scope = ?, row_seq = 999999 WHERE id = ? AND table_name = 'contacts'").run(other, recordId))).join('\n');
    expect(problems).toMatch(new RegExp(`contacts/${recordId} in scope ${other} says communeId ${communeId}`));
    expect(problems).toMatch(new RegExp(`contacts/${recordId} in ${other} was written from another commune`));
  });

  it('[I12] catches a change that was neither acknowledged nor kept in the "not accepted" list', () => {
    const { id } = ackedRecord();
    const ledger = { ...result.input.ledger, acked: new Set([...result.input.ledger.acked].filter((acked) => acked !== id)) };
    expect(checkSoak({ ...result.input, ledger }).join('\n')).toMatch(new RegExp(`mutation ${id} .*dropped silently`));
  });
});
