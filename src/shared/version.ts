// The app and server version, shown in Settings and returned by /api/health.
export const APP_VERSION = '0.1.0';
