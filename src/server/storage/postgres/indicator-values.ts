// The communes' hand-entered indicator values of one period on PostgreSQL (indicator-types.ts), the
// record's JSON read with ->> (text; the value is decoded to a number with the row).
import { decodeIndicatorValueRow, periodValuesStatement, type IndicatorValueDbRow, type IndicatorValueQuery, type IndicatorValueRow, type IndicatorValueStore } from '../indicator-types';
import type { PostgresConnection } from './connection';

const PERIOD_VALUES = periodValuesStatement({
  param: (n) => `$${n}`,
  field: (name) => `(r.fields::jsonb ->> '${name}')`,
  notDeleted: `coalesce(r.fields::jsonb ->> 'deleted', 'false') <> 'true'`,
});

export class PostgresIndicatorValueStore implements IndicatorValueStore {
  constructor(private readonly connection: PostgresConnection) {}

  async periodValues(query: IndicatorValueQuery): Promise<IndicatorValueRow[]> {
    const { rows } = await this.connection.pool.query<IndicatorValueDbRow>(PERIOD_VALUES, [query.provinceId, query.periodStart, query.periodEnd]);
    return rows.map(decodeIndicatorValueRow).filter((row) => row !== null);
  }
}
