// The draft's autosave while a form saves (use-draft.ts hold): it waits instead of sealing and
// writing beside the save, and is written after it unless the save discarded the draft — a save
// that fails keeps what was typed.
import { beforeEach, describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { db } from '../data/db';
import type { SessionUser } from '../data/session-repository';
import { adoptKey } from '../data/vault/vault';
import { uuidv7 } from '../../shared/sync/ids';
import { testDataKey } from '../../../test/helpers/test-vault';
import { useDraft } from './use-draft';

const user: SessionUser = { id: uuidv7(), username: 'lan', displayName: 'Lan', role: 'member', communeId: 'ngok-bay' };
const isText = (value: unknown): value is string => typeof value === 'string';
const pause = (ms: number) => act(() => new Promise((resolve) => setTimeout(resolve, ms)));

function draftOf(values: string) {
  return renderHook(({ text }) => useDraft({ userId: user.id, formKey: 'test/new', enabled: true, values: text, touched: text !== '', isValid: isText, onRestore: () => undefined }), {
    initialProps: { text: values },
  });
}

describe('the draft while the form saves', () => {
  beforeEach(async () => {
    adoptKey(user, await testDataKey());
    await db.drafts.clear();
  });

  it('holds the autosave during the save and writes it after a save that failed', async () => {
    const view = draftOf('');
    await pause(50);
    view.rerender({ text: 'gọi lại sau' });
    const release = view.result.current.hold();
    await pause(600); // past the autosave's delay
    expect(await db.drafts.count()).toBe(0);
    act(() => release());
    await pause(100);
    expect(await db.drafts.count()).toBe(1);
  });

  it('writes nothing after a save that succeeded (the draft discarded)', async () => {
    const view = draftOf('');
    await pause(50);
    view.rerender({ text: 'gọi lại sau' });
    const release = view.result.current.hold();
    await pause(600);
    await act(() => view.result.current.discard());
    act(() => release());
    await pause(100);
    expect(await db.drafts.count()).toBe(0);
  });
});
