// The receiver's camera, read for QR codes (docs/field-aids.md §2 "Scanning"). The back camera's
// picture is copied to a canvas a few times a second and its pixels go to `readQrCodes` — the
// same function the tests give rendered frames to. One picture is read at a time (the next waits
// for the last), so a slow phone reads less often instead of falling behind. The camera is
// released as soon as the screen closes or `onTexts` says it has what it needs.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { readQrCodes } from './qr-reader';

export type CameraState = 'starting' | 'scanning' | 'denied' | 'noCamera' | 'failed' | 'stopped';

/** The pause between two pictures read. */
const READ_EVERY_MS = 120;

function problemOf(error: unknown): CameraState {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'noCamera';
  return 'failed';
}

/**
 * Starts the camera into the returned video element's ref (again each time `attempt` changes) and
 * hands every QR text read to `onTexts`; when it returns true, scanning stops and the camera is released.
 */
export function useQrCamera(attempt: number, onTexts: (texts: string[]) => boolean): { video: RefObject<HTMLVideoElement | null>; state: CameraState } {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>('starting');
  const handler = useRef(onTexts);
  useEffect(() => {
    handler.current = onTexts;
  });

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');
    const stop = (final: CameraState | null) => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
      if (final) setState(final);
    };

    const read = async () => {
      const source = video.current;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (source && context && source.videoWidth > 0) {
        canvas.width = source.videoWidth;
        canvas.height = source.videoHeight;
        context.drawImage(source, 0, 0);
        const texts = await readQrCodes(context.getImageData(0, 0, canvas.width, canvas.height));
        if (stopped) return;
        if (texts.length > 0 && handler.current(texts)) return stop('stopped');
      }
      timer = setTimeout(() => void read(), READ_EVERY_MS);
    };

    const start = async () => {
      setState('starting');
      if (!navigator.mediaDevices?.getUserMedia) return setState('noCamera');
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } } });
      } catch (error) {
        if (!stopped) setState(problemOf(error));
        return;
      }
      const target = video.current;
      if (stopped || !target) return stop(null);
      target.srcObject = stream;
      // Autoplay of a muted inline video is allowed; a refusal still leaves frames to read once it plays.
      await target.play().catch(() => undefined);
      if (stopped) return;
      setState('scanning');
      void read();
    };

    void start();
    return () => stop(null);
  }, [attempt]);

  return { video, state };
}
