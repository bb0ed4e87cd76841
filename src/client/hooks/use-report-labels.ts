// Names for what the reports count: kinds of help in the UI language, villages, members (by the
// commune's roster; "a member of the commune" when this phone does not know the person, never an id),
// and the fixed codes.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { serviceName, type ServiceItem } from '../data/service-repository';
import type { ReportNames } from '../data/reports-repository';
import { seedServices } from '../../shared/seed';
import { CITIZEN_COLUMNS, LOG_COLUMNS, type LogExportLabels } from '../../shared/reports/log-export';
import { SESSION_COLUMNS, type SessionExportLabels } from '../../shared/reports/session-export';
import { AUDIENCES } from '../../shared/schemas/group-session';
import { BARRIERS, GENDERS, OUTCOMES, CONSENT_METHODS } from '../../shared/schemas/assistance-log';
import { SERVICE_GROUPS, type ServiceGroup } from '../../shared/schemas/service';

export type ReportsT = ReturnType<typeof useTranslation<'reports'>>['t'];

export interface ReportLabels {
  t: ReportsT;
  service: (code: string) => string;
  group: (code: string) => ServiceGroup;
  village: (id: string | null) => string;
  member: (id: string) => string;
}

export function useReportLabels(names: ReportNames | undefined): ReportLabels {
  const { t, i18n } = useTranslation('reports');
  const language = i18n.language;
  return useMemo(() => makeReportLabels(t, language, names), [names, t, language]);
}

/** The labels without React (an export builds them after loading its own names). */
export function makeReportLabels(t: ReportsT, language: string, names: ReportNames | undefined): ReportLabels {
  const services = new Map<string, Pick<ServiceItem, 'name' | 'group'>>(seedServices().map((s) => [s.code, s]));
  for (const [code, service] of names?.services ?? []) services.set(code, service);
  return {
    t,
    service: (code) => {
      const service = services.get(code);
      return service ? serviceName(service, language) : code;
    },
    group: (code) => services.get(code)?.group ?? 'other',
    village: (id) => (id === null ? t('labels.noVillage') : (names?.villages.get(id) ?? t('labels.unknownVillage'))),
    member: (id) => names?.members.get(id) ?? t('labels.unknownMember'),
  };
}

const table = <K extends string>(keys: readonly K[], label: (key: K) => string): Record<K, string> =>
  Object.fromEntries(keys.map((key) => [key, label(key)])) as Record<K, string>;

/** The CSV export's labels, in the UI language. */
export function csvLabels(labels: ReportLabels): LogExportLabels {
  const { t } = labels;
  return {
    header: table([...LOG_COLUMNS, ...CITIZEN_COLUMNS], (c) => t(`export.columns.${c}`)),
    outcome: table(OUTCOMES, (o) => t(`labels.outcomes.${o}`)),
    barrier: table(BARRIERS, (b) => t(`labels.barriers.${b}`)),
    group: table(SERVICE_GROUPS, (g) => t(`labels.groups.${g}`)),
    gender: table(GENDERS, (g) => t(`labels.genders.${g}`)),
    consentMethod: table(CONSENT_METHODS, (m) => t(`labels.consentMethods.${m}`)),
    yes: t('labels.yes'),
    no: t('labels.no'),
    serviceName: labels.service,
    serviceGroup: labels.group,
    villageName: (id) => labels.village(id),
    memberName: labels.member,
  };
}

/** The group sessions' CSV labels, in the UI language. */
export function sessionCsvLabels(labels: ReportLabels): SessionExportLabels {
  const { t } = labels;
  return {
    header: table(SESSION_COLUMNS, (c) => t(`export.sessionColumns.${c}`)),
    audience: table(AUDIENCES, (a) => t(`export.audiences.${a}`)),
    villageName: (id) => labels.village(id),
    memberName: labels.member,
  };
}
