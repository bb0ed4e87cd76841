// The sender's side of a hand-over by QR codes (docs/field-aids.md §2 "QR frames"): the sealed
// bundle's frames shown one after another, "i / n" under each, until the receiver has them all.
// The receiver takes them in any order, so a missed code just comes round again. Pausing stops on
// one code (and steps by hand), for a camera that needs longer. The screen is kept awake while
// the codes show: a phone that dims mid-sequence stops the transfer.
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { bundleToFrames } from '../../../../shared/handover/frames';
import { renderFrame, type QrPixels } from './qr-image';
import './qr.css';

/** How long each code stays: a phone camera decodes several pictures in that time. */
export const FRAME_MS = 800;

export function QrSequence({ bytes }: { bytes: Uint8Array }): ReactElement {
  const { t } = useTranslation('handover');
  // Drawn only when the sender asks: not every hand-over goes by codes (the file is the other way),
  // and the sequence keeps the screen awake.
  const [started, setStarted] = useState(false);
  if (started) return <Showing bytes={bytes} />;
  return (
    <section className="card" aria-labelledby="qr-show-title">
      <h3 id="qr-show-title">{t('qr.show.title')}</h3>
      <p className="hint">{t('qr.show.intro')}</p>
      <button type="button" className="button primary" onClick={() => setStarted(true)}>{t('qr.show.start')}</button>
    </section>
  );
}

function Showing({ bytes }: { bytes: Uint8Array }): ReactElement {
  const { t } = useTranslation('handover');
  const frames = useMemo(() => bundleToFrames(bytes), [bytes]);
  const [step, setStep] = useState(0);
  const [paused, setPaused] = useState(false);
  const [drawn, setDrawn] = useState<number | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const count = frames.length;
  const index = step % count;

  useEffect(() => {
    if (paused || count < 2) return undefined;
    const timer = setInterval(() => setStep((value) => value + 1), FRAME_MS);
    return () => clearInterval(timer);
  }, [paused, count]);

  // Each code is drawn once (tens of ms on a cheap phone) and kept, and the next one is drawn while
  // this one shows: from the second round on, moving to the next code costs nothing.
  const drawings = useRef(new Map<string, Promise<QrPixels>>());
  useEffect(() => {
    let live = true;
    const drawing = (frame: string) => {
      let pixels = drawings.current.get(frame);
      if (!pixels) drawings.current.set(frame, (pixels = renderFrame(frame)));
      return pixels;
    };
    void drawing(frames[index]!).then((pixels) => {
      const target = canvas.current;
      if (!live || !target) return;
      target.width = pixels.width;
      target.height = pixels.height;
      target.getContext('2d')?.putImageData(new ImageData(pixels.data as ImageDataArray, pixels.width, pixels.height), 0, 0);
      setDrawn(index);
      void drawing(frames[(index + 1) % frames.length]!);
    });
    return () => {
      live = false;
    };
  }, [frames, index]);

  useScreenAwake();

  const label = drawn === null ? t('qr.show.loading') : t('qr.show.image', { index: drawn + 1, count });
  return (
    <section className="card" aria-labelledby="qr-show-title">
      <h3 id="qr-show-title">{t('qr.show.title')}</h3>
      <p className="hint">{t('qr.show.intro')}</p>
      <canvas ref={canvas} className="qr-frame" role="img" aria-label={label} width={1} height={1} />
      <p className="qr-count">{t('qr.show.frame', { index: index + 1, count })}</p>
      {count > 1 && (
        <div className="button-row qr-actions">
          {paused && <button type="button" className="button" onClick={() => setStep(index + count - 1)}>{t('qr.show.previous')}</button>}
          <button type="button" className="button primary" aria-pressed={paused} onClick={() => setPaused(!paused)}>{paused ? t('qr.show.resume') : t('qr.show.pause')}</button>
          {paused && <button type="button" className="button" onClick={() => setStep(index + 1)}>{t('qr.show.next')}</button>}
        </div>
      )}
    </section>
  );
}

/** Holds a screen wake lock while mounted, where the browser has one (a refusal only means the screen may dim). */
function useScreenAwake(): void {
  useEffect(() => {
    let lock: WakeLockSentinel | null = null;
    let live = true;
    void navigator.wakeLock?.request('screen').then(
      (granted) => {
        if (live) lock = granted;
        else void granted.release();
      },
      () => undefined,
    );
    return () => {
      live = false;
      void lock?.release();
    };
  }, []);
}
