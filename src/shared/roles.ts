// The four roles (docs/product.md "People and roles"). A module of their own, without zod:
// the permissions table needs the list, and the first screen's navigation reads the permissions —
// importing the list from schemas/common made a first visit load and build every shared base
// schema (docs/first-visit.md). schemas/common re-exports it beside its `roleSchema`.
export const ROLES = ['member', 'leader', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
