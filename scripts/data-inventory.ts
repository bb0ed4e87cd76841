// Writes docs/data-inventory.md from the record schemas and src/shared/schemas/classification.ts:
//   npm run data-inventory
// classification.test.ts fails when a field is unclassified or the committed file is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDataInventory } from '../src/shared/schemas/inventory';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(repoRoot, 'docs/data-inventory.md');
writeFileSync(target, renderDataInventory());
process.stdout.write(`wrote ${path.relative(repoRoot, target)}\n`);
