// The sequence steps and pauses; the scanner says in words why the camera is not there. Reading
// real camera pictures is proven in Chromium (test/e2e/hand-over-qr.test.ts).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initI18n } from '../../../lib/i18n';
import { QrSequence } from './qr-sequence';
import { QrScanner } from './qr-scanner';

beforeAll(async () => {
  await initI18n('vi');
  await i18next.loadNamespaces('handover');
});

afterEach(() => {
  Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
});

describe('QrSequence', () => {
  it('shows "i / n" under the code, pauses, and steps by hand both ways', async () => {
    const bytes = new Uint8Array(2000).map((_, i) => i % 251);
    render(<QrSequence bytes={bytes} />);
    // Nothing is drawn (and the screen not kept awake) until the sender asks for the codes.
    expect(screen.queryByRole('img')).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Hiện mã QR' }));
    // 2000 bytes → 2,667 base64url characters → 4 codes.
    await screen.findByRole('img', { name: /^Mã QR \d \/ 4 của gói chuyển dữ liệu$/ });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tạm dừng' }));
    const shown = Number(/Mã (\d) \/ 4/.exec(screen.getByText(/^Mã \d \/ 4$/).textContent)![1]);
    await user.click(screen.getByRole('button', { name: 'Mã sau' }));
    await screen.findByText(`Mã ${(shown % 4) + 1} / 4`);
    await screen.findByRole('img', { name: `Mã QR ${(shown % 4) + 1} / 4 của gói chuyển dữ liệu` });
    await user.click(screen.getByRole('button', { name: 'Mã trước' }));
    await user.click(screen.getByRole('button', { name: 'Mã trước' }));
    await screen.findByText(`Mã ${((shown + 2) % 4) + 1} / 4`);
    expect(screen.getByRole('button', { name: 'Chạy tiếp' })).toHaveProperty('ariaPressed', 'true');
  });
});

describe('QrScanner', () => {
  it('without a camera, says to receive the bundle as a file', async () => {
    render(<QrScanner onComplete={() => undefined} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Quét mã QR bằng camera' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Máy này không có camera dùng được. Hãy nhận gói bằng tệp.');
  });

  it('when the camera is refused, says how to allow it, and tries again on request', async () => {
    const getUserMedia = vi.fn(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    const onComplete = vi.fn();
    render(<QrScanner onComplete={onComplete} />);
    expect(getUserMedia).not.toHaveBeenCalled();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Quét mã QR bằng camera' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Ứng dụng chưa được phép dùng camera.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Thử lại' }));
    await vi.waitFor(() => expect(getUserMedia).toHaveBeenCalledTimes(2));
    expect(getUserMedia.mock.calls[0]).toEqual([{ audio: false, video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } } }]);
    expect(onComplete).not.toHaveBeenCalled();
  });
});
