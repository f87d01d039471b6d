import { describe, expect, it } from 'vitest';
import { byteRange, mediaFileVerdict, mediaTarget, type MediaPathFacts } from './mediaRoute';

const FILE = '2025-03-14T09-26-53Z.webm';

describe('mediaTarget: which recording a path names', () => {
  it('accepts exactly /media/<story-id>/<stem>.webm', () => {
    expect(mediaTarget(`/media/raft-failover/${FILE}`)).toEqual({ storyId: 'raft-failover', file: FILE });
    expect(mediaTarget('/media/a/2025-03-14T09-26-53Z-2.webm')).toEqual({
      storyId: 'a',
      file: '2025-03-14T09-26-53Z-2.webm',
    });
  });

  it('refuses traversal, encodings, other separators, other files and anything extra', () => {
    for (const path of [
      `/media/../media/raft/${FILE}`,
      `/media/raft/../${FILE}`,
      `/media/../../etc/passwd`,
      `/media/%2e%2e/raft/${FILE}`,
      `/media/raft/%2e%2e%2f${FILE}`,
      `/media/raft/..%2f..%2fpackage.json`,
      `/media/raft%2f..%2f..%2fx/${FILE}`,
      `/media/raft/${FILE.replace('.webm', '%2ewebm')}`,
      `/media/raft\\..\\${FILE}`,
      `/media/raft/..\\${FILE}`,
      `/media//etc/${FILE}`,
      `//media/raft/${FILE}`,
      `/media/raft/${FILE}/`,
      `/media/raft/x/${FILE}`,
      `/media/raft/${FILE}\u0000`,
      `/media/raft/${FILE}%00.webm`,
      `/media/raft\u0000/${FILE}`,
      `/media/raft/${FILE.replace('.webm', '.json')}`,
      '/media/raft/notes.webm',
      '/media/raft/',
      '/media/raft',
      '/media/',
      `/media/RAFT/${FILE}`,
      `/media/-raft/${FILE}`,
      `/media/${'x'.repeat(65)}/${FILE}`,
      `/etc/${FILE}`,
      `media/raft/${FILE}`,
      `C:\\media\\raft\\${FILE}`,
      '',
    ]) {
      expect(mediaTarget(path), path).toBeNull();
    }
  });
});

describe('byteRange: which bytes to send', () => {
  it('serves one range, open-ended and suffix ranges, clamped to the file', () => {
    expect(byteRange(undefined, 100)).toEqual({ kind: 'whole' });
    expect(byteRange('bytes=0-9', 100)).toEqual({ kind: 'part', start: 0, end: 9 });
    expect(byteRange('bytes=90-', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(byteRange('bytes=90-1000', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(byteRange('bytes=-10', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(byteRange('bytes=-1000', 100)).toEqual({ kind: 'part', start: 0, end: 99 });
  });

  it('refuses ranges past the end and ignores what it does not understand', () => {
    expect(byteRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    for (const header of ['bytes=0-1,5-6', 'items=0-1', 'bytes=-', 'bytes=5-2', 'bytes=a-b', 'bytes 0-1', ''])
      expect(byteRange(header, 100), header).toEqual({ kind: 'whole' });
  });
});

describe('mediaFileVerdict: what on disk may be served', () => {
  const good: MediaPathFacts = {
    rehearsals: 'folder',
    folder: 'folder',
    folderRealPath: '/v/rehearsals/raft',
    expectedFolder: '/v/rehearsals/raft',
    file: 'file',
  };

  it('serves a regular file in real folders that resolve where they should', () => {
    expect(mediaFileVerdict(good)).toBe('serve');
  });

  it('refuses symbolic links at every level, folders that resolve elsewhere, and what is not a file', () => {
    expect(mediaFileVerdict({ ...good, rehearsals: 'link' })).toBe('rehearsals/ is a symbolic link');
    expect(mediaFileVerdict({ ...good, folder: 'link' })).toBe("the story's folder is a symbolic link");
    expect(mediaFileVerdict({ ...good, file: 'link' })).toBe('the recording is a symbolic link');
    expect(mediaFileVerdict({ ...good, folderRealPath: '/elsewhere' })).toBe(
      "the story's folder resolves outside rehearsals/",
    );
    expect(mediaFileVerdict({ ...good, folderRealPath: null })).not.toBe('serve');
    expect(mediaFileVerdict({ ...good, file: 'folder' })).toBe('the recording is not a file');
    expect(mediaFileVerdict({ ...good, file: 'other' })).toBe('the recording is not a file');
    expect(mediaFileVerdict({ ...good, file: 'missing' })).toBe('the recording is missing');
    expect(mediaFileVerdict({ ...good, folder: 'file' })).toBe("the story's folder is not a folder");
    expect(mediaFileVerdict({ ...good, rehearsals: 'missing' })).toBe('rehearsals/ is missing');
  });
});
