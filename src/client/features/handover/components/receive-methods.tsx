// The ways a bundle reaches this phone. Each hands the panel the sealed bytes (and, for QR frames
// whose first frame carries it, the code): a .sotayso file opened here — and QR frames scanned by
// their own section beside it. Nothing is read or written before the panel has the bytes.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { log } from '../../../lib/log';
import { MAX_BUNDLE_BYTES } from '../../../../shared/handover/bundle';

export interface ReceivedBundle {
  bytes: Uint8Array;
  /** What the receiver is told it opened (a file name). */
  name: string;
  /** The code, when it travelled with the bundle (the first QR frame). */
  code?: string;
}

export function ReceiveMethods({ onBundle }: { onBundle: (bundle: ReceivedBundle) => void }): ReactElement {
  return <FileReceive onBundle={onBundle} />;
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
      (bytes) => onBundle({ bytes, name: file.name }),
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
