// Makes sure the programs the tests start are on this machine, before `npm test` runs them: each is
// a Debian package (test/system-packages.json). As root with apt-get, missing ones are installed;
// otherwise the run stops at once with the command that installs them.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const wanted = JSON.parse(readFileSync(new URL('./system-packages.json', import.meta.url), 'utf8'));

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function present(entry) {
  if (entry.path) return executable((entry.env && process.env[entry.env]) || entry.path);
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && executable(join(dir, entry.command)));
}

const missing = () => Object.values(wanted).filter((entry) => !present(entry));

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

let absent = missing();
if (absent.length > 0) {
  const packages = absent.map((entry) => entry.package);
  const install = `apt-get install -y ${packages.join(' ')}`;
  const canInstall = process.getuid?.() === 0 && present({ command: 'apt-get' });
  if (canInstall) {
    console.log(`npm test: installing ${packages.join(', ')} (${absent.map((entry) => entry.for).join('; ')})`);
    if (run('apt-get', ['update', '-qq'])) run('apt-get', ['install', '-y', '-qq', ...packages]);
    absent = missing();
  }
  if (absent.length > 0) {
    const lines = absent.map((entry) => `  ${entry.package}: ${entry.for}`);
    console.error(`npm test needs Debian packages that are not installed:\n${lines.join('\n')}\nInstall them with:\n  sudo apt-get update && sudo ${install}`);
    process.exit(1);
  }
}
