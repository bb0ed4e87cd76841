// The communes' hand-entered indicator values as the province reads them (docs/reports.md
// "Indicators against targets"): one SQL statement, written here once, run by each database's
// store (sqlite/indicator-values.ts, postgres/indicator-values.ts) with its own words for reading
// the record's JSON. It reads the `indicatorValues` rows alone (the records' primary key starts
// with the table) of the province's communes, never every record of the province.

export interface IndicatorValueQuery {
  provinceId: string;
  periodStart: string;
  periodEnd: string;
}

export interface IndicatorValueRow {
  communeId: string;
  indicatorId: string;
  /** null: the leaders cleared it. */
  value: number | null;
}

export interface IndicatorValueStore {
  /**
   * The live (not deleted) values of one reporting period of the province's communes, by commune,
   * indicator, then the order they were written: the phones give one record per commune, indicator
   * and period (a name-based id), and should two exist, the caller keeps the last written.
   */
  periodValues(query: IndicatorValueQuery): Promise<IndicatorValueRow[]>;
}

/** How a database reads a field of the record's JSON (`r.fields`) as a value, and the `?` / `$n` of a parameter. */
export interface IndicatorValueDialect {
  param: (n: number) => string;
  field: (name: 'indicatorId' | 'value' | 'periodStart' | 'periodEnd') => string;
  /** The record is not deleted (`deleted` absent or false). */
  notDeleted: string;
}

/** Parameters: province, period start, period end. */
export const periodValuesStatement = (d: IndicatorValueDialect): string => `
  SELECT r.scope AS commune_id, ${d.field('indicatorId')} AS indicator_id, ${d.field('value')} AS value
  FROM records r JOIN communes c ON c.id = r.scope
  WHERE r.table_name = 'indicatorValues' AND c.province_id = ${d.param(1)}
    AND ${d.field('periodStart')} = ${d.param(2)} AND ${d.field('periodEnd')} = ${d.param(3)} AND ${d.notDeleted}
  ORDER BY r.scope, indicator_id, r.row_seq`;

/** A row as either driver returns it: the value comes back as text from PostgreSQL's ->>. */
export interface IndicatorValueDbRow {
  commune_id: string;
  indicator_id: string | null;
  value: number | string | null;
}

export function decodeIndicatorValueRow(row: IndicatorValueDbRow): IndicatorValueRow | null {
  if (typeof row.indicator_id !== 'string') return null;
  const value = row.value === null ? null : Number(row.value);
  return { communeId: row.commune_id, indicatorId: row.indicator_id, value: value !== null && Number.isFinite(value) ? value : null };
}
