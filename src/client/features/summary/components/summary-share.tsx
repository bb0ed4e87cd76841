// The summary's preview (the text as it will be pasted, the card as it will be seen) and the ways
// to send it: the share sheet with the card and the text where the browser can share files; copy
// and save always (a phone without the Web Share API, or a user who prefers pasting).
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { log } from '../../../lib/log';
import { canShareFiles, downloadBlob, fileName, shareFiles } from '../../../lib/save-file';
import type { SummaryDoc } from '../../../../shared/reports/summary';
import type { LocalDateRange } from '../../../../shared/text/dates';
import { useSummaryCard } from '../hooks/use-summary';

type Done = 'shared' | 'copied' | 'copyFailed' | 'downloaded' | 'shareFailed' | null;

export function SummaryShare({ doc, text, range }: { doc: SummaryDoc; text: string; range: LocalDateRange }): ReactElement {
  const { t } = useTranslation('summary');
  const drawn = useSummaryCard(doc, fileName('tong-ket', range.start, `${range.end}.png`));
  const card = drawn?.file ?? null;
  const preview = drawn?.url ?? null;
  const [done, setDone] = useState<Done>(null);
  const shareable = card !== null && canShareFiles([card]);

  const share = () => {
    if (!card) return;
    shareFiles({ title: doc.title, text, files: [card] })
      .then((outcome) => setDone(outcome === 'shared' ? 'shared' : null))
      .catch((error: unknown) => {
        log.warn('summary share failed', error instanceof Error ? error.name : error);
        setDone('shareFailed');
      });
  };
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setDone('copied'),
      () => setDone('copyFailed'),
    );
  };
  const download = () => {
    if (!card) return;
    downloadBlob(card.name, card);
    setDone('downloaded');
  };

  return (
    <div className="sm-result" data-testid="summary">
      <section className="card" aria-labelledby="sm-text-title">
        <h2 id="sm-text-title">{t('preview.text')}</h2>
        <pre className="sm-text" data-testid="summary-text">{text}</pre>
      </section>
      <div className="button-row sm-actions">
        {shareable && (
          <button type="button" className="button primary" onClick={share}>
            {t('actions.share')}
          </button>
        )}
        <button type="button" className="button" onClick={copy}>
          {t('actions.copy')}
        </button>
        <button type="button" className="button" disabled={card === null} onClick={download}>
          {t('actions.download')}
        </button>
      </div>
      {!shareable && card !== null && <p className="hint">{t('actions.noShare')}</p>}
      <p role="status" className="sm-done">{done ? t(`actions.${done}`) : null}</p>
      <section className="card" aria-labelledby="sm-image-title">
        <h2 id="sm-image-title">{t('preview.image')}</h2>
        {preview && <img className="sm-card" src={preview} alt={t('preview.imageAlt', { title: doc.title, subtitle: doc.subtitle })} />}
      </section>
    </div>
  );
}
