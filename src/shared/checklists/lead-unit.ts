// Who leads a checklist item (docs/domain.md §8.7). Many items in the commune templates are led by a
// province body (Sở KH&CN, Văn phòng UBND tỉnh…): the commune does not do them, it confirms it
// received the result ("received the email accounts"). The templates only carry the lead unit as
// Vietnamese text, so the level is read from it: text in parentheses (partners, "phối hợp",
// "thực hiện") is ignored, and any commune-level lead (UBND xã, cấp xã, the community team, the
// commune police, "địa phương") makes it the commune's job, since the commune then has work to do.
import { foldForSearch } from '../text/vietnamese';

export type LeadLevel = 'commune' | 'province' | 'unknown';

// Folded (no diacritics, lower case) patterns.
const COMMUNE_LEAD = [
  /\bcap xa\b/,
  /\bubnd (cac )?xa\b/,
  /\bcac xa\b/,
  /\bxa, phuong\b/,
  /\bubnd cac cap\b/,
  /\bto cong nghe so\b/,
  /\bcong an xa\b/,
  /\bdang uy xa\b/,
  /\bmat tran to quoc viet nam xa\b/,
  /\bdia phuong\b/,
];
const PROVINCE_LEAD = [/\bso\b/, /\btinh\b/, /\bcuc thue\b/, /\bngan hang nha nuoc\b/, /\bcac co quan chu tri\b/];

// A template repeats a few dozen lead units across its items; folding each once keeps a 52-item
// list cheap to draw. Bounded, in case templates ever come with thousands of distinct units.
const cache = new Map<string, LeadLevel>();
const CACHE_LIMIT = 1000;

/** Whether an item is the commune's own work, or the province's that the commune confirms. */
export function leadLevel(leadUnit: string): LeadLevel {
  const cached = cache.get(leadUnit);
  if (cached) return cached;
  const main = foldForSearch(leadUnit.replace(/\([^)]*\)/g, ' '));
  const level: LeadLevel = COMMUNE_LEAD.some((pattern) => pattern.test(main)) ? 'commune' : PROVINCE_LEAD.some((pattern) => pattern.test(main)) ? 'province' : 'unknown';
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(leadUnit, level);
  return level;
}
