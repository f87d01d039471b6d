import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface HostProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  output: () => string;
}

/**
 * Starts `story-bank serve VAULT` from the built app and waits for the address it prints; on
 * `port` when given (a restart on the address a page still has open), else on a free one.
 */
export async function startHost(vault: string, extraEnv: NodeJS.ProcessEnv = {}, port = 0): Promise<HostProcess> {
  const args = [join(APP_ROOT, 'out', 'main', 'cli.js'), 'serve', vault, '--port', String(port)];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host printed no address in 15 s:\n${output}`)), 15_000);
    const look = (): void => {
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout.on('data', look);
    child.once('exit', (code) => reject(new Error(`the host exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return { url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', child, output: () => output };
}

export async function stopHost(host: HostProcess): Promise<void> {
  if (host.child.exitCode !== null) return;
  const exited = new Promise((r) => host.child.once('exit', r));
  host.child.kill('SIGTERM');
  await exited;
}
