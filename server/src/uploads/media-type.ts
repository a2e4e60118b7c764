/** `image`: a photo; `video`: a video. */
export type MediaKind = 'image' | 'video';

export interface MediaType {
  kind: MediaKind;
  mime: string;
}

const ascii = (bytes: Buffer, start: number, end: number) =>
  bytes.subarray(start, end).toString('latin1');

/** ISO base media brands (bytes 8–12 after `ftyp`) of still images; the rest are video. */
const IMAGE_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1', 'avif']);

/**
 * What a file really is, from its first bytes, never from the name or the type the phone claims:
 * JPEG, PNG, GIF, WebP and HEIC/AVIF images; MP4 and QuickTime video. Anything else is null.
 */
export function sniffMediaType(bytes: Buffer): MediaType | null {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { kind: 'image', mime: 'image/jpeg' };
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { kind: 'image', mime: 'image/png' };
  }
  if (ascii(bytes, 0, 4) === 'GIF8') return { kind: 'image', mime: 'image/gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { kind: 'image', mime: 'image/webp' };
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (IMAGE_BRANDS.has(brand))
      return { kind: 'image', mime: brand === 'avif' ? 'image/avif' : 'image/heic' };
    if (brand === 'qt  ') return { kind: 'video', mime: 'video/quicktime' };
    return { kind: 'video', mime: 'video/mp4' };
  }
  return null;
}
