// What the figures were measured on: they mean little without it.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem, platform, release, arch } from 'node:os';
import { CHROMIUM_PATH } from '../../scripts/chromium.js';

export function chromiumVersion() {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch (error) {
    return `unknown (${CHROMIUM_PATH}: ${error.message.split('\n')[0]})`;
  }
}

export function machineInfo() {
  const list = cpus();
  return {
    cpu: list[0]?.model?.trim() ?? 'unknown',
    cores: list.length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    chromium: chromiumVersion(),
  };
}
