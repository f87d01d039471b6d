import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { Decoder, Reader, tools, type EBMLElementDetail } from 'ts-ebml';
import { atomicWriteWith, type WritableFile } from '../fs/atomicWrite';

/**
 * MediaRecorder writes webm as a live stream: no duration, no cues, segment and clusters of
 * unknown size. Players then show no length and cannot seek. This puts a Duration and Cues (the
 * index of clusters) in front of the clusters with ts-ebml, streaming the file rather than loading
 * it whole, and replaces the file atomically. A file cut short by a crash is first cut back to its
 * last whole element, so what is kept always plays to its end.
 */
export interface SeekableOutcome {
  /** The file now has a duration and cues. */
  seekable: boolean;
  /** The recording's length as read from its frames, or null when it has none. */
  durationMs: number | null;
  /** Size of the file afterwards. */
  bytes: number;
  /** What was done, for people. */
  message: string;
}

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const READ_CHUNK = 1024 * 1024;
/** Segment ID (4 bytes) + an 8-byte unknown size: what MediaRecorder writes and ts-ebml expects. */
const STREAM_SEGMENT_HEADER = 12;

interface Scan {
  reader: Reader;
  /** End of the last whole leaf element: everything after it is a torn write. */
  lastWholeEnd: number;
  blocks: number;
  clusters: number;
  segmentHeader: number | null;
  hasDuration: boolean;
  hasCues: boolean;
  size: number;
}

/** Makes the webm at `path` seekable in place; never loses a byte of playable recording. */
export async function makeWebmSeekable(path: string): Promise<SeekableOutcome> {
  let scan: Scan;
  try {
    scan = await scanWebm(path);
  } catch (error) {
    return keptAsRecorded(null, 0, `it could not be read as a recording (${(error as Error).message})`);
  }
  const durationMs = scan.blocks ? Math.round((scan.reader.duration * scan.reader.timestampScale) / 1e6) : null;
  if (scan.reader.metadatas.length === 0 || scan.blocks === 0)
    return keptAsRecorded(null, scan.size, 'it holds no audio or video frames');
  if (scan.hasDuration && scan.hasCues)
    return {
      seekable: true,
      durationMs,
      bytes: scan.size,
      message: `ready to play from any point (as recorded), ${seconds(durationMs)}`,
    };
  if (scan.segmentHeader !== STREAM_SEGMENT_HEADER)
    return keptAsRecorded(durationMs, scan.size, 'it is not laid out the way the browser records');

  try {
    const metadata = seekableMetadata(scan.reader);
    let bytes = 0;
    // The one atomic replace: a copy beside it, flushed, renamed over (a crash leaves the original).
    await atomicWriteWith(path, async (file) => {
      bytes = await writeFixed(path, file, metadata, scan.reader.metadataSize, scan.lastWholeEnd);
    });
    const cut = scan.size - scan.lastWholeEnd;
    const note = cut > 0 ? `; the last ${cut} bytes, cut off mid-write, were left out` : '';
    return {
      seekable: true,
      durationMs,
      bytes,
      message: `ready to play from any point, ${seconds(durationMs)}${note}`,
    };
  } catch (error) {
    return keptAsRecorded(
      durationMs,
      scan.size,
      `preparing it for skipping through failed (${(error as Error).message})`,
    );
  }
}

/**
 * Duration and cues as a player would find them, the frames, and the bytes after the last whole
 * element (a torn write): for tests and for checking a file on disk.
 */
export async function readWebmInfo(
  path: string,
): Promise<{ durationMs: number | null; cues: number; blocks: number; lastBlockMs: number; trailingBytes: number }> {
  const decoder = new Decoder();
  let wholeEnd = 0;
  let size = 0;
  let durationMs: number | null = null;
  let scale = 1_000_000;
  let cues = 0;
  let blocks = 0;
  let clusterTime = 0;
  let lastBlockMs = 0;
  const handle = await open(path, constants.O_RDONLY | NO_FOLLOW);
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: READ_CHUNK, autoClose: false })) {
      size += (chunk as Buffer).length;
      for (const element of decoder.decode(chunk as unknown as ArrayBuffer)) {
        if (element.type !== 'm') wholeEnd = Math.max(wholeEnd, element.dataEnd);
        if (element.name === 'TimestampScale' && element.type === 'u') scale = element.value;
        else if (element.name === 'Duration' && element.type === 'f') durationMs = (element.value * scale) / 1e6;
        else if (element.name === 'CuePoint' && element.type === 'm' && !element.isEnd) cues += 1;
        else if (element.name === 'Timestamp' && element.type === 'u') clusterTime = element.value;
        else if (element.name === 'SimpleBlock' && element.type === 'b') {
          blocks += 1;
          lastBlockMs = ((clusterTime + tools.ebmlBlock(element.data).timecode) * scale) / 1e6;
        }
      }
    }
  } finally {
    await handle.close();
  }
  return { durationMs, cues, blocks, lastBlockMs, trailingBytes: size - wholeEnd };
}

async function scanWebm(path: string): Promise<Scan> {
  const decoder = new Decoder();
  const reader = new Reader();
  reader.logging = false;
  // Chrome writes no DefaultDuration; if another recorder does, keep it rather than warn and drop.
  reader.drop_default_duration = false;
  const scan: Scan = {
    reader,
    lastWholeEnd: 0,
    blocks: 0,
    clusters: 0,
    segmentHeader: null,
    hasDuration: false,
    hasCues: false,
    size: 0,
  };
  const handle = await open(path, constants.O_RDONLY | NO_FOLLOW);
  try {
    scan.size = (await handle.stat()).size;
    for await (const chunk of handle.createReadStream({ highWaterMark: READ_CHUNK, autoClose: false })) {
      for (const element of decoder.decode(chunk as unknown as ArrayBuffer)) read(scan, element);
    }
  } finally {
    await handle.close();
  }
  reader.stop();
  return scan;
}

function read(scan: Scan, element: EBMLElementDetail): void {
  // Not a Matroska element (a damaged file): the reader would only log it.
  if (element.name === 'unknown') return;
  if (element.type === 'm') {
    if (element.isEnd) return scan.reader.read(element);
    if (element.name === 'Segment' && scan.segmentHeader === null)
      scan.segmentHeader = element.dataStart - element.tagStart;
    if (element.name === 'Cluster') scan.clusters += 1;
    if (element.name === 'Cues') scan.hasCues = true;
  } else {
    if (element.dataEnd > scan.lastWholeEnd) scan.lastWholeEnd = element.dataEnd;
    if (element.name === 'SimpleBlock') scan.blocks += 1;
    if (element.name === 'Duration') scan.hasDuration = true;
  }
  scan.reader.read(element);
}

/**
 * The new metadata (header, seek head, info with Duration, tracks, cues). ts-ebml returns the
 * `.buffer` of a Node Buffer, which for a small result is Node's shared 8 KiB pool with other
 * data around it; with the pool off for this one synchronous call, the ArrayBuffer is exactly
 * the metadata.
 */
function seekableMetadata(reader: Reader): Buffer {
  const poolSize = Buffer.poolSize;
  let encoded: ArrayBuffer;
  try {
    Buffer.poolSize = 0;
    encoded = tools.makeMetadataSeekable(reader.metadatas, reader.duration, reader.cues);
  } finally {
    Buffer.poolSize = poolSize;
  }
  const metadata = Buffer.from(encoded);
  if (metadata.readUInt32BE(0) !== 0x1a45dfa3) throw new Error('the new header is not EBML');
  return metadata;
}

/** Writes the new metadata and the clusters of `source` up to `end` to `output`; returns the size. */
async function writeFixed(
  source: string,
  output: WritableFile,
  metadata: Buffer,
  from: number,
  end: number,
): Promise<number> {
  const input = await open(source, constants.O_RDONLY | NO_FOLLOW);
  try {
    await output.write(metadata);
    let written = metadata.length;
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (let position = from; position < end;) {
      const { bytesRead } = await input.read(buffer, 0, Math.min(READ_CHUNK, end - position), position);
      if (bytesRead === 0) break;
      await output.write(buffer.subarray(0, bytesRead));
      position += bytesRead;
      written += bytesRead;
    }
    return written;
  } finally {
    await input.close();
  }
}

function keptAsRecorded(durationMs: number | null, bytes: number, why: string): SeekableOutcome {
  return {
    seekable: false,
    durationMs,
    bytes,
    message: `kept as recorded: ${why}; it plays, but skipping ahead may not work`,
  };
}

function seconds(ms: number | null): string {
  return ms === null ? 'no length' : `${(ms / 1000).toFixed(1)} s`;
}
