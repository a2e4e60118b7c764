import type { Readable } from 'node:stream';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';

/** What one uploaded archive may unpack to. */
export interface InflationLimits {
  /** Bytes of every entry together, once inflated. */
  maxBytes: number;
  /** Entries (files and folders) in the archive. */
  maxEntries: number;
}

/**
 * What an archive unpacks to: within the limits; beyond `maxBytes` or `maxEntries`; or no zip
 * that can be unpacked (not a zip, cut short, encrypted, a broken DEFLATE stream).
 */
export type InflationVerdict = 'fits' | 'too_large' | 'too_many_entries' | 'broken';

/**
 * Judges a zip (an .xlsx or any office file is one) before a parser unpacks it: a file of a few
 * hundred kilobytes can hold half a gigabyte of repeated text (a "zip bomb"), which the parser
 * would inflate and hold whole. The entry count and the sizes the headers declare are checked
 * first; then every entry is inflated (yauzl, on zlib) and its bytes counted as they come, so a
 * header that understates a size is caught, and the work stops at the limit, never at the end of
 * the bomb. Nothing inflated is kept.
 */
export async function inflationVerdict(
  bytes: Buffer,
  limits: InflationLimits,
): Promise<InflationVerdict> {
  let zip: ZipFile;
  try {
    // The bytes are counted here, whatever the headers say; yauzl's own check of each entry
    // against its header would answer a lie as a broken file before the count saw it.
    zip = await fromBufferPromise(bytes, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: false,
    });
  } catch {
    return 'broken';
  }
  try {
    if (zip.entryCount > limits.maxEntries) return 'too_many_entries';
    const entries: Entry[] = [];
    for await (const entry of zip.eachEntry()) entries.push(entry);
    const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    if (declared > limits.maxBytes) return 'too_large';
    let inflated = 0;
    for (const entry of entries) {
      const stream = await zip.openReadStreamPromise(entry);
      inflated = await countInflated(stream, inflated, limits.maxBytes);
      if (inflated > limits.maxBytes) return 'too_large';
    }
    return 'fits';
  } catch {
    return 'broken';
  } finally {
    zip.close();
  }
}

/** `before` plus the entry's bytes; past `max` it stops, and leaving the loop drops the stream. */
async function countInflated(stream: Readable, before: number, max: number): Promise<number> {
  let total = before;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > max) return total;
  }
  return total;
}
