import { nodeAtomicFileSystem, type AtomicFileSystem } from '../../src/main/fs/atomicWrite';

/**
 * The real disk, whose flush takes `flushMs` (a laptop's busy disk): a file written through it
 * is renamed into place that long after its contents, and so its modification time, were written.
 */
export function slowDisk(flushMs: number): AtomicFileSystem {
  return {
    ...nodeAtomicFileSystem,
    async create(path, mode) {
      const file = await nodeAtomicFileSystem.create(path, mode);
      return {
        ...file,
        async sync() {
          await file.sync();
          await new Promise((resolve) => setTimeout(resolve, flushMs));
        },
      };
    },
  };
}
