// The ways a made bundle leaves this phone. Each is a section given the same bundle (its sealed
// bytes, the code, a file of them): the file (shared with the Web Share API where the browser can
// share it, else saved), and the QR codes drawn from `bundle.bytes` (qr/qr-sequence.tsx).
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { log } from '../../../lib/log';
import { canShareFiles, downloadBlob, shareFiles } from '../../../lib/save-file';
import { QrSequence } from '../qr/qr-sequence';

export interface ReadyBundle {
  code: string;
  /** The sealed bundle (src/shared/handover/bundle.ts), the same bytes whatever way it travels. */
  bytes: Uint8Array;
  file: File;
  changes: number;
  records: number;
}

export function SendMethods({ bundle }: { bundle: ReadyBundle }): ReactElement {
  const { t } = useTranslation('handover');
  return (
    <section aria-labelledby="ho-methods-title">
      <h2 id="ho-methods-title">{t('methods.title')}</h2>
      <FileSend bundle={bundle} />
      <QrSequence bytes={bundle.bytes} />
    </section>
  );
}

type Done = 'shared' | 'downloaded' | 'shareFailed' | null;

function FileSend({ bundle }: { bundle: ReadyBundle }): ReactElement {
  const { t } = useTranslation('handover');
  const [done, setDone] = useState<Done>(null);
  const shareable = canShareFiles([bundle.file]);
  const share = () => {
    shareFiles({ title: t('title'), files: [bundle.file] })
      .then((outcome) => setDone(outcome === 'shared' ? 'shared' : null))
      .catch((error: unknown) => {
        log.warn('hand-over share failed', error instanceof Error ? error.name : error);
        setDone('shareFailed');
      });
  };
  const download = () => {
    downloadBlob(bundle.file.name, bundle.file);
    setDone('downloaded');
  };
  return (
    <section className="card" aria-labelledby="ho-file-title">
      <h3 id="ho-file-title">{t('file.title')}</h3>
      <p className="hint">{t('file.hint')}</p>
      <div className="button-row ho-actions">
        {shareable && (
          <button type="button" className="button primary" onClick={share}>
            {t('file.share')}
          </button>
        )}
        <button type="button" className={shareable ? 'button' : 'button primary'} onClick={download}>
          {t('file.download')}
        </button>
      </div>
      <p role="status">{done ? t(`file.${done}`) : null}</p>
    </section>
  );
}
