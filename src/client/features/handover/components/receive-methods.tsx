// The ways a bundle reaches this phone. Each hands the panel the sealed bytes: a .sotayso file
// opened here, or the QR codes read by the camera (qr/qr-scanner.tsx). Nothing is read or written
// before the panel has the bytes; the code is then typed, whichever way the bundle came.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { log } from '../../../lib/log';
import { MAX_BUNDLE_BYTES } from '../../../../shared/handover/bundle';
import { QrScanner } from '../qr/qr-scanner';

export interface ReceivedBundle {
  bytes: Uint8Array;
  /** What the receiver is told it opened: a sentence naming the file, or saying the codes are in. */
  opened: string;
}

export function ReceiveMethods({ onBundle }: { onBundle: (bundle: ReceivedBundle) => void }): ReactElement {
  const { t } = useTranslation('handover');
  return (
    <>
      <section className="card" aria-labelledby="ho-file-title">
        <h3 id="ho-file-title">{t('file.title')}</h3>
        <FileReceive onBundle={onBundle} />
      </section>
      <QrScanner onComplete={(bytes) => onBundle({ bytes, opened: t('qr.scan.opened') })} />
    </>
  );
}

function FileReceive({ onBundle }: { onBundle: (bundle: ReceivedBundle) => void }): ReactElement {
  const { t } = useTranslation('handover');
  const [failed, setFailed] = useState(false);
  const choose = (file: File | undefined) => {
    if (!file) return;
    setFailed(false);
    // A file far over any bundle's size is refused by its size, without reading it all.
    const read = file.size > MAX_BUNDLE_BYTES ? Promise.resolve(new Uint8Array(MAX_BUNDLE_BYTES + 1)) : file.arrayBuffer().then((buffer) => new Uint8Array(buffer));
    read.then(
      (bytes) => onBundle({ bytes, opened: t('file.opened', { name: file.name }) }),
      (error: unknown) => {
        log.warn('reading the hand-over file failed', error instanceof Error ? error.name : error);
        setFailed(true);
      },
    );
  };
  return (
    <div className="field">
      <label htmlFor="ho-file">{t('file.open')}</label>
      <input id="ho-file" type="file" accept=".sotayso,application/octet-stream" onChange={(event) => choose(event.target.files?.[0])} />
      <p className="hint">{t('file.hint')}</p>
      {failed && (
        <p className="notice" role="alert">
          {t('problem.failed')}
        </p>
      )}
    </div>
  );
}
