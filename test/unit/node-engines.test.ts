import { existsSync, readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// The project runs on the Node its package.json promises (docs/testing.md "Dependencies"): a package that
// declares a newer Node may work today and break on the next patch, so none may be installed. Optional
// platform packages that npm skips on this machine are not installed and do not count.
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
};

describe('installed packages and the promised Node', () => {
  it('every installed package accepts the oldest Node the project supports', () => {
    const oldest = semver.minVersion(manifest.engines.node)!.version;
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '' && existsSync(path))
      .flatMap(([path, entry]) => {
        const node = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
        return node && !semver.satisfies(oldest, node) ? [`${path}@${entry.version}: node ${node}`] : [];
      });
    expect(oldest).toBe('20.19.0');
    expect(refusing).toEqual([]);
  });
});
