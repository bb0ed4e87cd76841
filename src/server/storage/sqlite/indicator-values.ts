// The communes' hand-entered indicator values of one period on SQLite (indicator-types.ts), the
// record's JSON read by json_extract (a JSON true reads as 1).
import { decodeIndicatorValueRow, periodValuesStatement, type IndicatorValueDbRow, type IndicatorValueQuery, type IndicatorValueRow, type IndicatorValueStore } from '../indicator-types';
import { run, type SqliteConnection } from './connection';

const PERIOD_VALUES = periodValuesStatement({
  param: () => '?',
  field: (name) => `json_extract(r.fields, '$.${name}')`,
  notDeleted: `coalesce(json_extract(r.fields, '$.deleted'), 0) = 0`,
});

export class SqliteIndicatorValueStore implements IndicatorValueStore {
  constructor(private readonly connection: SqliteConnection) {}

  periodValues(query: IndicatorValueQuery): Promise<IndicatorValueRow[]> {
    return run(() =>
      (this.connection.sql(PERIOD_VALUES).all(query.provinceId, query.periodStart, query.periodEnd) as IndicatorValueDbRow[]).map(decodeIndicatorValueRow).filter((row) => row !== null),
    );
  }
}
