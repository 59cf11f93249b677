/**
 * The Debian packages the broker bench starts (redis-server and haproxy, as listed in
 * test/system-packages.json), checked before anything starts: a missing one stops the bench with
 * the command that installs it, rather than with a spawn error halfway through.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import systemPackages from '../../system-packages.json' with { type: 'json' };

export interface SystemPackage {
  readonly package: string;
  /** A program looked up on PATH... */
  readonly command?: string;
  /** ...or at a fixed path. */
  readonly path?: string;
}

/** The packages the bench needs. */
export const BENCH_PACKAGES: readonly SystemPackage[] = [systemPackages['redis-server'], systemPackages.haproxy];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Those of `wanted` that are not installed, given a PATH and a way to test a file. */
export function missingPackages(wanted: readonly SystemPackage[], searchPath: string, isExecutable: (path: string) => boolean = executable): SystemPackage[] {
  const dirs = searchPath.split(delimiter).filter((dir) => dir !== '');
  return wanted.filter((entry) => {
    if (entry.path !== undefined) return !isExecutable(entry.path);
    const command = entry.command ?? entry.package;
    return !dirs.some((dir) => isExecutable(join(dir, command)));
  });
}

/** Throws, naming the packages and how to install them, unless every one the bench needs is there. */
export function requireBenchPackages(): void {
  const missing = missingPackages(BENCH_PACKAGES, process.env.PATH ?? '');
  if (missing.length === 0) return;
  const names = missing.map((entry) => entry.package).join(' ');
  throw new Error(`npm run bench:broker needs Debian packages that are not installed: ${names}. Install them with \`node test/system-packages.mjs\` (as root), or \`sudo apt-get install -y ${names}\`.`);
}
