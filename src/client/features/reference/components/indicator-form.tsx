// Adding or editing one of the province's indicators (docs/reports.md "Indicators against
// targets"): its name, unit, where its value comes from, the target for every commune, the
// communes with a target of their own and the plan period. Checked with the shared schema before
// anything is sent; each problem is shown under its field in Vietnamese. A new indicator's id is
// made from its name and never changes (values and reports refer to it).
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../../components/ui/date-input';
import { INDICATOR_SOURCES, indicatorDefinitionSchema, type IndicatorDefinition, type IndicatorSource } from '../../../../shared/schemas/report-settings';
import type { CommuneSummary } from '../../../../shared/admin/communes';
import { codeFor } from './service-form';
import { FormEnd } from './form-end';

interface Draft {
  name: string;
  unit: string;
  source: IndicatorSource;
  target: string;
  from: string;
  to: string;
  communeTargets: { communeId: string; target: string }[];
}

/** "82,5" or "82.5" → 82.5; anything else is left for the schema to refuse. */
const amount = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.')));
const shown = (n: number): string => String(n).replace('.', ',');

/** An id from the name, unique among `taken` ("ho-co-dien-thoai", then "ho-co-dien-thoai-2"). */
export function indicatorIdFor(name: string, taken: readonly string[]): string {
  const base = codeFor(name).slice(0, 60) || 'chi-tieu';
  let id = base;
  for (let n = 2; taken.includes(id); n += 1) id = `${base}-${n}`;
  return id;
}

interface Props {
  /** The indicator being edited; undefined: a new one. */
  indicator?: IndicatorDefinition;
  takenIds: readonly string[];
  communes: readonly CommuneSummary[];
  busy: boolean;
  onSubmit: (indicator: IndicatorDefinition) => void;
  onCancel: () => void;
}

export function IndicatorForm({ indicator, takenIds, communes, busy, onSubmit, onCancel }: Props): ReactElement {
  const { t } = useTranslation('reference');
  const { t: tc } = useTranslation('common');
  const [draft, setDraft] = useState<Draft>(() => ({
    name: indicator?.name ?? '',
    unit: indicator?.unit ?? '',
    source: indicator?.source ?? 'manual',
    target: indicator ? shown(indicator.target) : '',
    from: indicator?.from ?? '',
    to: indicator?.to ?? '',
    communeTargets: (indicator?.communeTargets ?? []).map((c) => ({ communeId: c.communeId, target: shown(c.target) })),
  }));
  const [problems, setProblems] = useState<Record<string, string> | null>(null);
  const prefix = indicator ? `indicator-${indicator.id}` : 'new-indicator';
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setOwn = (index: number, patch: Partial<Draft['communeTargets'][number]>) =>
    set({ communeTargets: draft.communeTargets.map((c, i) => (i === index ? { ...c, ...patch } : c)) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = indicatorDefinitionSchema.safeParse({
      id: indicator?.id ?? indicatorIdFor(draft.name, takenIds),
      name: draft.name.trim(),
      unit: draft.unit.trim(),
      source: draft.source,
      target: amount(draft.target),
      communeTargets: draft.communeTargets.map((c) => ({ communeId: c.communeId, target: amount(c.target) })),
      from: draft.from,
      to: draft.to,
      active: indicator?.active ?? true,
    });
    if (parsed.success) {
      setProblems(null);
      onSubmit(parsed.data);
      return;
    }
    // The first problem of each field, by its first path part (a commune's target under the list).
    const found: Record<string, string> = {};
    for (const issue of parsed.error.issues) found[String(issue.path[0] ?? 'name')] ??= tc(issue.message as 'validation.invalidType', { defaultValue: tc('validation.invalidType') });
    setProblems(found);
  };
  const field = (name: 'name' | 'unit' | 'target', label: string, numeric = false) => (
    <div className="field">
      <label htmlFor={`${prefix}-${name}`}>{label}</label>
      <input
        id={`${prefix}-${name}`}
        value={draft[name]}
        onChange={(e) => set({ [name]: e.target.value })}
        inputMode={numeric ? 'decimal' : undefined}
        autoComplete="off"
        aria-invalid={problems?.[name] !== undefined}
        aria-describedby={problems?.[name] ? `${prefix}-${name}-error` : undefined}
      />
      <Problem id={`${prefix}-${name}-error`} text={problems?.[name]} />
    </div>
  );

  return (
    <form className="card ref-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`} data-testid="indicator-form">
      <h2 id={`${prefix}-title`}>{indicator ? t('targets.editTitle', { name: indicator.name }) : t('targets.addTitle')}</h2>
      {field('name', t('targets.name'))}
      {field('unit', t('targets.unit'))}
      <div className="field">
        <label htmlFor={`${prefix}-source`}>{t('targets.source')}</label>
        <select id={`${prefix}-source`} value={draft.source} onChange={(e) => set({ source: e.target.value as IndicatorSource })}>
          {INDICATOR_SOURCES.map((source) => (
            <option key={source} value={source}>{t(`targets.sources.${source}`)}</option>
          ))}
        </select>
      </div>
      {field('target', t('targets.target'), true)}
      {(['from', 'to'] as const).map((end) => (
        <div className="field" key={end}>
          <label htmlFor={`${prefix}-${end}`}>{t(`targets.${end}`)}</label>
          <DateInput id={`${prefix}-${end}`} value={draft[end]} onChange={(value) => set({ [end]: value })} aria-invalid={problems?.[end] !== undefined} />
          <Problem text={problems?.[end]} />
        </div>
      ))}
      <fieldset className="ref-form">
        <legend>{t('targets.communeTargets')}</legend>
        {draft.communeTargets.map((own, index) => (
          <div key={index} className="ref-item">
            <div className="field">
              <label htmlFor={`${prefix}-c${index}`}>{t('targets.commune')}</label>
              <select id={`${prefix}-c${index}`} value={own.communeId} onChange={(e) => setOwn(index, { communeId: e.target.value })}>
                {communes.map((c) => (
                  <option key={c.id} value={c.id}>{c.name}</option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${prefix}-t${index}`}>{t('targets.communeTarget')}</label>
              <input id={`${prefix}-t${index}`} value={own.target} inputMode="decimal" autoComplete="off" onChange={(e) => setOwn(index, { target: e.target.value })} />
            </div>
            <button type="button" className="button" onClick={() => set({ communeTargets: draft.communeTargets.filter((_, i) => i !== index) })}>
              {t('targets.remove')}
            </button>
          </div>
        ))}
        <Problem text={problems?.communeTargets} />
        {communes.length > 0 && (
          <button type="button" className="button" onClick={() => set({ communeTargets: [...draft.communeTargets, { communeId: communes[0]!.id, target: draft.target }] })}>
            {t('targets.addCommune')}
          </button>
        )}
      </fieldset>
      <FormEnd invalid={problems !== null} busy={busy} onCancel={onCancel} />
    </form>
  );
}

function Problem({ id, text }: { id?: string; text: string | undefined }): ReactElement | null {
  return text ? <p id={id} className="ref-error">{text}</p> : null;
}
