// Communes of the province after the 1 July 2025 reorganisation (communes.json). Not a sync table:
// the admin CLI creates communes, and these give it stable ids (`create-commune --id ngok-bay`).
import type { z } from 'zod';
import { boolSchema, communeIdSchema, enumSchema, nfcString, slugSchema, strictObject } from './common';

/** xã (rural commune), phường (urban ward), đặc khu (special zone). */
export const COMMUNE_KINDS = ['xa', 'phuong', 'dac_khu'] as const;
export type CommuneKind = (typeof COMMUNE_KINDS)[number];

export const communeSchema = strictObject({
  /** Stable slug, diacritics folded: "ngok-bay". Never changes once users exist. */
  id: communeIdSchema,
  /** The official name, spelled as published (Ngọk, Đăk, Rơ, Kơi, Tờ are not "corrected"). */
  name: nfcString(1, 100),
  kind: enumSchema(COMMUNE_KINDS),
  provinceId: slugSchema,
  provinceName: nfcString(1, 100),
  /** The name was read from a damaged scan and may be wrong (see `note`). */
  uncertain: boolSchema(),
  namedInSeeds: boolSchema(),
  /** The province the area belonged to before 2025, for citizens whose papers still say it. */
  formerProvince: nfcString(0, 100).optional(),
  note: nfcString(0, 1000).optional(),
});

export type Commune = z.infer<typeof communeSchema>;
