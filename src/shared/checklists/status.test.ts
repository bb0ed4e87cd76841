import { describe, expect, it } from 'vitest';
import { isItemStatus, nextStatusOnTap } from './status';

describe('status tap cycle', () => {
  it('cycles todo → doing → done → todo; blocked resumes, not-applicable returns to the list', () => {
    expect(nextStatusOnTap('todo')).toBe('doing');
    expect(nextStatusOnTap('doing')).toBe('done');
    expect(nextStatusOnTap('done')).toBeNull();
    expect(nextStatusOnTap('blocked')).toBe('doing');
    expect(nextStatusOnTap('na')).toBeNull();
  });

  it('recognises statuses', () => {
    expect(isItemStatus('done')).toBe(true);
    expect(isItemStatus('finished')).toBe(false);
    expect(isItemStatus(undefined)).toBe(false);
  });
});
