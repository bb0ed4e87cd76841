// The receiver's side of a hand-over by QR codes (docs/field-aids.md §2 "Scanning"): the camera
// collects the frames in any order, skips repeats, says "đã nhận i / n", and says so when it sees
// a QR code that is not part of this hand-over (another bundle's, or any other). With every frame
// in, it hands the bundle's bytes to the hand-over screen, which opens them exactly as it opens a
// file.
import { useCallback, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { FrameCollector, type FrameProgress } from '../../../../shared/handover/frames';
import { useQrCamera } from './use-qr-camera';
import './qr.css';

export function QrScanner({ onComplete }: { onComplete: (bytes: Uint8Array) => void }): ReactElement {
  const { t } = useTranslation('handover');
  // The camera opens only when the receiver asks: not every receiver scans (a file is the other way).
  const [started, setStarted] = useState(false);
  if (started) return <Scanning onComplete={onComplete} />;
  return (
    <section className="card" aria-labelledby="qr-scan-title">
      <h3 id="qr-scan-title">{t('qr.scan.title')}</h3>
      <p className="hint">{t('qr.scan.intro')}</p>
      <button type="button" className="button primary" onClick={() => setStarted(true)}>{t('qr.scan.start')}</button>
    </section>
  );
}

function Scanning({ onComplete }: { onComplete: (bytes: Uint8Array) => void }): ReactElement {
  const { t } = useTranslation('handover');
  const [attempt, setAttempt] = useState(0);
  const collector = useRef(new FrameCollector());
  const [progress, setProgress] = useState<FrameProgress | null>(null);
  const [sawOther, setSawOther] = useState(false);
  const [broken, setBroken] = useState(false);

  const onTexts = useCallback(
    (texts: string[]) => {
      const frames = collector.current;
      let other = false;
      for (const text of texts) other = !frames.add(text) || other;
      setSawOther(other);
      setProgress(frames.progress());
      if (!frames.complete()) return false;
      let bytes: Uint8Array;
      try {
        bytes = frames.bytes();
      } catch {
        // Every frame's head matched but the pieces do not join: nothing to open; scan again.
        setBroken(true);
        return true;
      }
      onComplete(bytes);
      return true;
    },
    [onComplete],
  );
  const { video, state: camera } = useQrCamera(attempt, onTexts);
  const problem = camera === 'denied' || camera === 'noCamera' || camera === 'failed' ? camera : broken ? 'broken' : null;
  const again = () => {
    collector.current = new FrameCollector();
    setProgress(null);
    setBroken(false);
    setAttempt(attempt + 1);
  };

  return (
    <section className="card" aria-labelledby="qr-scan-title">
      <h3 id="qr-scan-title">{t('qr.scan.title')}</h3>
      <p className="hint">{t('qr.scan.intro')}</p>
      <video ref={video} className="qr-video" muted playsInline aria-label={t('qr.scan.video')} hidden={camera !== 'scanning'} />
      <p className="qr-progress" role="status">
        {progress ? t(camera === 'stopped' && !broken ? 'qr.scan.done' : 'qr.scan.received', { received: progress.received, count: progress.count }) : t(camera === 'starting' ? 'qr.scan.starting' : 'qr.scan.waiting')}
      </p>
      {sawOther && camera === 'scanning' && <p className="hint">{t('qr.scan.other')}</p>}
      {problem && (
        <div role="alert">
          <p>{t(`qr.scan.${problem}`)}</p>
          <button type="button" className="button" onClick={again}>{t('qr.scan.retry')}</button>
        </div>
      )}
    </section>
  );
}
