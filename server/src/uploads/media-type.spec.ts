import { sniffMediaType } from './media-type';

const bytes = (head: number[] | string, pad = 16) => {
  const start = typeof head === 'string' ? Buffer.from(head, 'latin1') : Buffer.from(head);
  return Buffer.concat([start, Buffer.alloc(pad)]);
};

describe(sniffMediaType.name, () => {
  it.each([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png'],
    ['GIF', bytes('GIF89a'), 'image/gif'],
    ['WebP', bytes('RIFF\0\0\0\0WEBP'), 'image/webp'],
    ['HEIC', bytes('\0\0\0\x18ftypheic'), 'image/heic'],
    ['MP4', bytes('\0\0\0\x18ftypisom'), 'video/mp4'],
    ['QuickTime', bytes('\0\0\0\x14ftypqt  '), 'video/quicktime'],
  ])('recognises %s', (_, file, mime) => {
    expect(sniffMediaType(file)?.mime).toBe(mime);
  });

  it.each([
    ['text', Buffer.from('孩子的照片在这里，请查收。这不是图片。')],
    ['PDF', bytes('%PDF-1.7')],
    ['an HTML page named .jpg', bytes('<html><body>')],
    ['a few bytes', Buffer.from([0xff, 0xd8])],
  ])('refuses %s', (_, file) => {
    expect(sniffMediaType(file)).toBeNull();
  });
});
