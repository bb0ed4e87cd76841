// A new one-time sign-in code, shown once (docs/accounts.md "Accounts"): as text to read out or
// copy, and as a QR code the member scans with their own phone's camera. The QR code holds a link
// to the first sign-in screen with the username and code after '#', which browsers never send to
// a server, so no log anywhere holds the code. The QR library loads only here.
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSignInCode, type SignInCodeResponse } from '../../../../shared/admin/accounts';
import { formatDateTime } from '../../../../shared/text/dates';

/** The first sign-in link a QR code carries. */
export function redeemLink(origin: string, issued: Pick<SignInCodeResponse, 'username' | 'code'>): string {
  return `${origin}/sign-in/code#${new URLSearchParams({ u: issued.username, c: issued.code }).toString()}`;
}

export function CodePanel({ issued, onDone }: { issued: SignInCodeResponse; onDone: () => void }): ReactElement {
  const { t } = useTranslation('console');
  return (
    <div className="card code-panel" role="region" aria-labelledby="code-panel-title">
      <h2 id="code-panel-title">{t('code.title', { username: issued.username })}</h2>
      <p>{t('code.intro')}</p>
      <p className="sign-in-code" data-testid="sign-in-code">{formatSignInCode(issued.code)}</p>
      <p className="hint">{t('code.expires', { date: formatDateTime(new Date(issued.expiresAt)) })}</p>
      <QrCode text={redeemLink(window.location.origin, issued)} label={t('code.qrLabel', { username: issued.username })} />
      <button type="button" className="button primary" onClick={onDone}>{t('code.done')}</button>
    </div>
  );
}

function QrCode({ text, label }: { text: string; label: string }): ReactElement {
  const { t } = useTranslation('console');
  const [shape, setShape] = useState<{ size: number; path: string } | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode-generator').then(({ default: qrcode }) => {
      const qr = qrcode(0, 'M');
      qr.addData(text);
      qr.make();
      const size = qr.getModuleCount();
      let path = '';
      for (let row = 0; row < size; row += 1) for (let col = 0; col < size; col += 1) if (qr.isDark(row, col)) path += `M${col} ${row}h1v1h-1z`;
      if (live) setShape({ size, path });
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!shape) return <p role="status">{t('code.qrLoading')}</p>;
  // A quiet zone of 4 modules around the code, as scanners expect.
  return (
    <svg className="qr-code" role="img" aria-label={label} viewBox={`-4 -4 ${shape.size + 8} ${shape.size + 8}`} shapeRendering="crispEdges">
      <rect x={-4} y={-4} width={shape.size + 8} height={shape.size + 8} fill="#fff" />
      <path d={shape.path} fill="#000" />
    </svg>
  );
}
