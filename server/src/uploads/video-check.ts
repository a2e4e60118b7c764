import { createFile, type Movie } from 'mp4box';
import { NOT_PHOTO_OR_VIDEO, unsupportedFile } from './upload-refusal';

/**
 * Top-level boxes of ISO-BMFF (ISO/IEC 14496-12) and QuickTime movies. Anything else at the top is
 * not a movie part: an unknown type is how bytes appended to a movie show up.
 */
const TOP_LEVEL_BOXES = new Set([
  'ftyp',
  'moov',
  'mdat',
  'free',
  'skip',
  'wide',
  'uuid',
  'udta',
  'meta',
  'pdin',
  'moof',
  'mfra',
  'sidx',
  'ssix',
  'styp',
  'prft',
  'emsg',
  'pnot',
]);

const NOT_A_MOVIE = NOT_PHOTO_OR_VIDEO;

/**
 * Checks a video's structure with mp4box.js (GPAC's parser) as its decrypted bytes stream past,
 * never holding the media data: the file must open with `ftyp`, carry a `moov` describing at
 * least one video or audio track, and be tiled exactly by known top-level boxes, with nothing
 * before, between or after them. Refuses (415) anything else, such as an ELF or any file with
 * `ftyp` at byte 4 and no movie behind it. Answers the movie's track summary.
 */
export async function checkMovie(chunks: AsyncIterable<Buffer>, size: number): Promise<Movie> {
  const file = createFile(false);
  const parsed: { movie: Movie | null; failed: boolean } = { movie: null, failed: false };
  file.onReady = (info) => {
    parsed.movie = info;
  };
  file.onError = () => {
    parsed.failed = true;
  };
  let offset = 0;
  try {
    for await (const chunk of chunks) {
      const buffer = new Uint8Array(chunk).buffer as ArrayBuffer & { fileStart: number };
      buffer.fileStart = offset;
      offset += chunk.length;
      file.appendBuffer(buffer);
      if (parsed.failed) throw unsupportedFile(NOT_A_MOVIE);
    }
    file.flush();
  } catch {
    throw unsupportedFile(NOT_A_MOVIE);
  }
  const boxes = file.boxes;
  let end = 0;
  for (const box of boxes) {
    if (box.start !== end || !TOP_LEVEL_BOXES.has(box.type) || !box.size) break;
    end += box.size;
  }
  const found = parsed.movie;
  const tracks = found ? found.videoTracks.length + found.audioTracks.length : 0;
  if (parsed.failed || !found || boxes[0]?.type !== 'ftyp' || end !== size || tracks === 0) {
    throw unsupportedFile(NOT_A_MOVIE);
  }
  return found;
}
