import sharp from 'sharp';
import { ApiException } from '../common/api-exception';
import { NOT_PHOTO_OR_VIDEO, unsupportedFile } from './upload-refusal';

/**
 * Above any phone camera most reporters carry (48 MP), below what would let one file hold
 * hundreds of megabytes of decoded pixels: libvips refuses larger images before decoding them.
 */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Long enough to read a face or a bruise on a large screen; keeps the viewable copy small. */
const MAX_EDGE = 4096;
/** A hostile file that makes libvips work for longer than this is refused, not waited for. */
const DECODE_TIMEOUT_SECONDS = 20;

/** What sharp reports for each image type the first bytes claimed (media-type.ts). */
const FORMAT_OF_MIME: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const PNG_SIGNATURE_BYTES = 8;
const PNG_CHUNK_OVERHEAD = 12;

/** Offset just after the first IEND chunk, walking the chunks; null if the walk falls off. */
function pngEnd(bytes: Buffer): number | null {
  let at = PNG_SIGNATURE_BYTES;
  while (at + PNG_CHUNK_OVERHEAD <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    at += PNG_CHUNK_OVERHEAD + length;
    if (type === 'IEND') return at;
  }
  return null;
}

/**
 * Whether the file ends where its own structure says it ends, so nothing rides after the image:
 * PNG at its IEND chunk, WebP at its RIFF length, GIF at its trailer byte. JPEG is not asked:
 * phones append data after the end marker (motion photos carry their video there), and
 * re-encoding drops it from the copy anyone sees.
 */
function endsAtItsEnd(format: string, bytes: Buffer): boolean {
  switch (format) {
    case 'png':
      return pngEnd(bytes) === bytes.length;
    case 'webp':
      return bytes.readUInt32LE(4) + 8 === bytes.length;
    case 'gif':
      return bytes[bytes.length - 1] === 0x3b;
    default:
      return true;
  }
}

/**
 * Decodes a photo completely and encodes it again as a JPEG (upright, at most 4096 px on a side,
 * without EXIF, GPS or any other metadata): the copy staff see holds only pixels, whatever the
 * original carried. Refuses (415) a file libvips cannot decode without a warning (truncated,
 * corrupt, a header followed by something else), one larger than `MAX_INPUT_PIXELS`, one whose
 * decoded type differs from its first bytes, and one with bytes after its end (see `endsAtItsEnd`).
 */
export async function reencodeImage(bytes: Buffer, claimedMime: string): Promise<Buffer> {
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' } as const;
  try {
    const { format } = await sharp(bytes, options).metadata();
    if (format !== FORMAT_OF_MIME[claimedMime] || !endsAtItsEnd(format, bytes)) {
      throw unsupportedFile(NOT_PHOTO_OR_VIDEO);
    }
    // The first frame of an animation only: the others never reach a viewer.
    return await sharp(bytes, options)
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85 })
      .toBuffer();
  } catch (error) {
    if (error instanceof ApiException) throw error;
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      throw unsupportedFile('照片像素太大，请用手机自带的编辑功能缩小或截图后再上传');
    }
    throw unsupportedFile(NOT_PHOTO_OR_VIDEO);
  }
}
