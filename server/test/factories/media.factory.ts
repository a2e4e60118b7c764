import { createFile } from 'mp4box';
import type { ApiErrorBody } from '@shouhu/shared';
import sharp from 'sharp';

export type PhotoFormat = 'jpeg' | 'png' | 'gif' | 'webp';

export interface PhotoOptions {
  format?: PhotoFormat;
  width?: number;
  height?: number;
  /** Written into the EXIF ImageDescription, to show metadata does not survive re-encoding. */
  description?: string;
}

/** A real photo, made by libvips: a red gradient, so it is not one flat colour. */
export async function aPhoto(options: PhotoOptions = {}): Promise<Buffer> {
  const { format = 'jpeg', width = 64, height = 48, description } = options;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    pixels[i * 3] = 128 + (i % width);
    pixels[i * 3 + 1] = (i / width) % 256;
    pixels[i * 3 + 2] = 40;
  }
  let image = sharp(pixels, { raw: { width, height, channels: 3 } });
  if (description) image = image.withExif({ IFD0: { ImageDescription: description } });
  return image.toFormat(format).toBuffer();
}

export interface MovieOptions {
  /** Bytes of the one video sample. */
  sampleBytes?: number;
}

/** A real, minimal MP4 (ftyp, moov with one H.264 track, moof, mdat), written by mp4box.js. */
export function aMovie(options: MovieOptions = {}): Buffer {
  const file = createFile();
  const track = file.addTrack({
    width: 16,
    height: 16,
    timescale: 1000,
    type: 'avc1',
    // An avcC record: version 1, Baseline profile, level 1.0, no parameter sets.
    avcDecoderConfigRecord: new Uint8Array([1, 66, 0, 10, 255, 225, 0, 0, 1, 0, 0]).buffer,
  });
  file.addSample(track, new Uint8Array(options.sampleBytes ?? 100), {
    duration: 1000,
    is_sync: true,
  });
  return Buffer.from(file.getBuffer().buffer);
}

const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120)]);
/** An empty zip archive: its end-of-central-directory record alone. */
const ZIP = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]);

/** Every kind of hostile or broken file the server must refuse, by name (issue 12). */
export async function hostileFiles(): Promise<Record<string, Buffer>> {
  const jpeg = await aPhoto({ width: 256, height: 256 });
  const png = await aPhoto({ format: 'png' });
  const gif = await aPhoto({ format: 'gif' });
  const webp = await aPhoto({ format: 'webp' });
  const movie = aMovie();
  return {
    'an ELF with ftyp at byte 4': Buffer.concat([
      Buffer.from('\x7fELF', 'latin1'),
      Buffer.from('ftypisom'),
      Buffer.alloc(200),
    ]),
    'ftyp at byte 4 and nothing else': Buffer.concat([
      Buffer.from([0, 0, 0, 0x14]),
      Buffer.from('ftypisom\0\0\0\0isom'),
      Buffer.alloc(200, 0x41),
    ]),
    'a JPEG header followed by a Windows executable': Buffer.concat([jpeg.subarray(0, 20), EXE]),
    'GIF89a followed by a script': Buffer.from('GIF89a<script>alert(document.cookie)</script>'),
    'a truncated JPEG': jpeg.subarray(0, Math.floor(jpeg.length * 0.6)),
    'a PNG with trailing junk': Buffer.concat([png, Buffer.from('<?php system($_GET[0]); ?>')]),
    'a PNG + zip polyglot': Buffer.concat([png, ZIP]),
    'a GIF with an executable after it': Buffer.concat([gif, EXE]),
    'a WebP with trailing junk': Buffer.concat([webp, EXE]),
    'an MP4 with trailing junk': Buffer.concat([movie, EXE]),
    'an MP4 + zip polyglot': Buffer.concat([movie, ZIP]),
    'an MP4 cut short': movie.subarray(0, movie.length - 40),
    'an MP4 without its moov': Buffer.concat([
      movie.subarray(0, movie.readUInt32BE(0)),
      movie.subarray(movie.readUInt32BE(0) + movie.readUInt32BE(movie.readUInt32BE(0))),
    ]),
    'an HTML page': Buffer.from('<html><body><script>alert(1)</script></body></html>'),
    'an SVG with a script': Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ),
  };
}

/** `POST /uploads` with one file, as the app sends it. */
export async function upload(baseUrl: string, token: string, bytes: Buffer, name = 'photo.jpg') {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const response = await fetch(`${baseUrl}/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return {
    status: response.status,
    body: (await response.json()) as { uploadId: string; size: number } & ApiErrorBody,
  };
}
