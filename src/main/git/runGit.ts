import { execFile } from 'node:child_process';

export interface GitResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs the system git with an argument array (never a shell string). Rejects with git's own
 * message, or with a clear one when git is not installed. Commands that commit take their
 * identity options from readCommitIdentity (gitIdentity.ts).
 */
export function runGit(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve({ stdout, stderr });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return reject(new Error('git is not installed: stories are saved, but not versioned'));
      reject(new Error(stderr.trim() || error.message));
    });
  });
}
