import { describe, expect, it } from 'vitest';
import { deviceNameOf } from './device-name';

describe('deviceNameOf', () => {
  it.each([
    ['Mozilla/5.0 (Linux; Android 13; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36', 'SM-A125F · Android 13 · Chrome'],
    ['Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Android 10 · Chrome'],
    ['Mozilla/5.0 (Linux; Android 12; SM-A515F Build/SP1A.210812.016) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36', 'SM-A515F · Android 12 · Samsung Internet'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', 'iPhone (iOS 17.4) · Safari'],
    ['Mozilla/5.0 (Linux; Android 11; Redmi Note 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/96.0 Mobile Safari/537.36 Zalo android/12100', 'Redmi Note 8 · Android 11 · Zalo'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0', 'Windows · Edge'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', 'Linux · Chrome'],
  ])('names %s', (ua, name) => {
    expect(deviceNameOf(ua)).toBe(name);
  });

  it('says nothing for an agent it does not know, or none', () => {
    expect(deviceNameOf('curl/8.5.0')).toBeNull();
    expect(deviceNameOf(undefined)).toBeNull();
    expect(deviceNameOf('')).toBeNull();
  });

  it('never copies a strange model or more than 80 characters', () => {
    expect(deviceNameOf('Mozilla/5.0 (Linux; Android 13; <script>alert(1)</script>) Chrome/1')).toBe('Android 13 · Chrome');
    expect((deviceNameOf(`Mozilla/5.0 (Linux; Android 13; ${'A'.repeat(39)}) Chrome/1 Zalo`) ?? '').length).toBeLessThanOrEqual(80);
  });
});
