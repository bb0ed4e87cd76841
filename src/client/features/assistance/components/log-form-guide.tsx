// "Hướng dẫn" on the log form (docs/field-aids.md §3): the chosen service's guide opens over the
// form, which stays mounted underneath (hidden), so coming back shows it exactly as it was — values,
// draft and scroll position. The open guide is the URL's #guide, so the phone's back button closes
// it too. Ticks go into the form's values, and so into its draft and the saved log.
import { useCallback, useLayoutEffect, useRef, type ReactElement } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LogFormValues } from '../utils/log-form-values';
import { useGuide } from '../hooks/use-guides';
import { GuideView } from './guide-view';

const HASH = '#guide';

/** Whether the guide is open, and how to open and close it (keeping the form's scroll position). */
export function useGuideOverlay(): { open: boolean; show: () => void; hide: () => void } {
  const location = useLocation();
  const navigate = useNavigate();
  const open = location.hash === HASH;
  const scroll = useRef<number | null>(null);
  const pushed = useRef(false);
  const show = useCallback(() => {
    scroll.current = window.scrollY;
    pushed.current = true;
    void navigate({ hash: HASH });
  }, [navigate]);
  const hide = useCallback(() => {
    // Back when we opened it (the stack stays as it was), a plain replace after a reload on #guide.
    if (pushed.current) void navigate(-1);
    else void navigate({ hash: '' }, { replace: true });
    pushed.current = false;
  }, [navigate]);
  useLayoutEffect(() => {
    if (open) window.scrollTo(0, 0);
    else if (scroll.current !== null) {
      window.scrollTo(0, scroll.current);
      scroll.current = null;
    }
  }, [open]);
  return { open, show, hide };
}

/** The guide over the form, with the steps ticked in the form's values. */
export function LogFormGuide({ values, serviceName, change, onClose }: { values: LogFormValues; serviceName: string; change: (next: Partial<LogFormValues>) => void; onClose: () => void }): ReactElement {
  const { t } = useTranslation('guides');
  const data = useGuide(values.serviceId);
  if (data === undefined) return <p role="status">{t('loading')}</p>;
  const toggle = (stepId: string) => {
    if (!data) return;
    const { guide } = data;
    // Ticks belong to one version: a newer version pulled meanwhile starts them again.
    const done = values.guideVersion === guide.version ? values.guideDone : [];
    const next = done.includes(stepId) ? done.filter((id) => id !== stepId) : [...done, stepId];
    const order = guide.steps.map((step) => step.id);
    change({ guideDone: order.filter((id) => next.includes(id)), guideVersion: guide.version, guideTotal: guide.steps.length });
  };
  return (
    <section className="log-form-guide" aria-label={t('title')}>
      <button type="button" className="button" onClick={onClose}>{t('back')}</button>
      {data ? (
        <GuideView data={data} serviceName={serviceName} ticked={values.guideVersion === data.guide.version ? values.guideDone : []} onToggle={toggle} />
      ) : (
        <p>{t('missing')}</p>
      )}
      <button type="button" className="button primary" onClick={onClose}>{t('back')}</button>
    </section>
  );
}
