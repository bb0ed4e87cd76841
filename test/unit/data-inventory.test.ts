// docs/data-inventory.md is what the schemas and their classification say today.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDataInventory } from '../../src/shared/schemas/inventory';

describe('docs/data-inventory.md', () => {
  it('is up to date (run npm run data-inventory)', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../docs/data-inventory.md'), 'utf8');
    expect(committed).toBe(renderDataInventory());
  });
});
