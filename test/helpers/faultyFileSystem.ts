import {
  nodeAtomicFileSystem,
  type AtomicFileSystem,
  type AtomicWriteStep,
  type WritableFile,
} from '../../src/main/fs/atomicWrite';

export interface Fault {
  step: AtomicWriteStep;
  code: 'ENOSPC' | 'EIO';
  /** Only writes whose target path passes this fail (default: every write). */
  when?: (target: string) => boolean;
}

/**
 * The real file system, with the next write (to a path `when` accepts) failing at one step as a
 * full or broken disk would: the error a system call gives, with its code. A failed `write` has
 * already put half the bytes in the temp file, as a disk that fills up midway does.
 */
export function faultyFileSystem() {
  let armed: Fault | null = null;
  let injected = 0;
  const targetOf = (temp: string) => temp.replace(/\/\.([^/]+)\.[0-9a-f]{12}\.tmp$/, '/$1');
  const aimsAt = (step: AtomicWriteStep, temp: string) =>
    armed !== null && armed.step === step && (armed.when?.(targetOf(temp)) ?? true);
  const fire = (step: AtomicWriteStep, temp: string) => {
    if (!armed || !aimsAt(step, temp)) return;
    const { code } = armed;
    armed = null;
    injected += 1;
    const message = code === 'ENOSPC' ? 'no space left on device' : 'i/o error';
    throw Object.assign(new Error(`${code}: ${message}, ${step} '${temp}'`), { code, syscall: step });
  };
  const fileSystem: AtomicFileSystem = {
    ...nodeAtomicFileSystem,
    async create(path, mode) {
      fire('create', path);
      const file = await nodeAtomicFileSystem.create(path, mode);
      const faulty: WritableFile = {
        async write(data) {
          // Only the write that fails gets half its bytes: another file written meanwhile stays whole.
          if (aimsAt('write', path)) await file.write(data.subarray(0, data.length >> 1));
          fire('write', path);
          await file.write(data);
        },
        async sync() {
          fire('sync', path);
          await file.sync();
        },
        async close() {
          await file.close();
          fire('close', path);
        },
      };
      return faulty;
    },
    async rename(from, to) {
      fire('rename', from);
      await nodeAtomicFileSystem.rename(from, to);
    },
    // A new file is put in place by link() instead (never replacing): the same step can fail.
    async link(from, to) {
      fire('rename', from);
      await nodeAtomicFileSystem.link(from, to);
    },
  };
  return {
    fileSystem,
    arm: (fault: Fault) => void (armed = fault),
    /** Whether the armed fault has fired (and how many have, in all). */
    get pending() {
      return armed !== null;
    },
    get injected() {
      return injected;
    },
  };
}
