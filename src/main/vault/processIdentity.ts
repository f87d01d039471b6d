import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who holds a vault's lock, told apart from everything that could look like it: a process on
 * another machine (the lock came with a clone or a synced folder), one from before the machine's
 * last boot, or a new process that was given a dead one's pid.
 */
export interface ProcessIdentity {
  host: string;
  /** The kernel's id for this boot (Linux); null where the system does not say. */
  boot: string | null;
  pid: number;
  /** When the process started, in clock ticks after boot (Linux); null where the system does not say. */
  started: string | null;
}

let bootId: string | null | undefined;

/** `/proc/sys/kernel/random/boot_id`: a new random id at every boot of a Linux kernel. */
function currentBoot(): string | null {
  if (bootId === undefined) {
    try {
      bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      bootId = null;
    }
  }
  return bootId;
}

/**
 * Field 22 of `/proc/<pid>/stat` (starttime). The second field, the command name, is in
 * parentheses and may itself hold spaces and parentheses: fields are counted after its last ')'.
 */
export function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name, the first field is the third (state): starttime is 22 - 3 = 19 further.
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

export function thisProcess(): ProcessIdentity {
  return { host: hostname(), boot: currentBoot(), pid: process.pid, started: startTimeOf(process.pid) };
}

/** Whether process `pid` exists (a signal 0 checks without sending anything). */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `who` is a process running on this machine now. Where the system gives no boot id or
 * start time (macOS, Windows) those compare as equal, and a running pid on this host is trusted.
 */
export function isRunning(who: ProcessIdentity): boolean {
  const me = thisProcess();
  if (who.host !== me.host || who.boot !== me.boot) return false;
  if (!exists(who.pid)) return false;
  return startTimeOf(who.pid) === who.started;
}
