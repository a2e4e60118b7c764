import sharp from 'sharp';
import { aPhoto, hostileFiles, type PhotoFormat } from '../../test/factories/media.factory';
import { MAX_INPUT_PIXELS, reencodeImage } from './image-check';

describe(reencodeImage.name, () => {
  it.each<[PhotoFormat, string]>([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['gif', 'image/gif'],
    ['webp', 'image/webp'],
  ])(
    're-encodes a real %s as a JPEG of the same size, without its metadata',
    async (format, mime) => {
      const photo = await aPhoto({
        format,
        width: 80,
        height: 60,
        description: 'GPS 33.48N 117.88E',
      });

      const viewable = await reencodeImage(photo, mime);

      const meta = await sharp(viewable).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: 80, height: 60 });
      expect(meta.exif).toBeUndefined();
      expect(viewable.includes(Buffer.from('GPS 33.48N'))).toBe(false);
    },
  );

  it('keeps a JPEG’s pixels but not what rides after its end marker', async () => {
    const photo = await aPhoto();
    const withZip = Buffer.concat([photo, Buffer.from('PK\x03\x04hidden.exe', 'latin1')]);
    /** The mean of each colour channel: JPEG re-encoding moves it by a level or two at most. */
    const means = async (image: Buffer) =>
      (await sharp(image).stats()).channels.map((channel) => Math.round(channel.mean));

    const viewable = await reencodeImage(withZip, 'image/jpeg');

    expect(await sharp(viewable).metadata()).toMatchObject({
      format: 'jpeg',
      width: 64,
      height: 48,
    });
    const [before, after] = [await means(photo), await means(viewable)];
    expect(after).toHaveLength(3);
    expect(Math.max(...after.map((mean, i) => Math.abs(mean - before[i])))).toBeLessThanOrEqual(2);
    expect(viewable.includes(Buffer.from('hidden.exe'))).toBe(false);
  });

  it('shrinks a photo larger than 4096 px on a side', async () => {
    const photo = await aPhoto({ width: 5000, height: 100 });

    const { width } = await sharp(await reencodeImage(photo, 'image/jpeg')).metadata();

    expect(width).toBe(4096);
  });

  it('refuses an image above the pixel limit before decoding it', async () => {
    // A PNG header that claims a huge canvas; libvips checks the limit on the header alone.
    const huge = await sharp({
      create: {
        width: 8000,
        height: Math.ceil(MAX_INPUT_PIXELS / 8000) + 1,
        channels: 3,
        background: '#000',
      },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();

    await expect(reencodeImage(huge, 'image/png')).rejects.toMatchObject({
      status: 415,
      message: expect.stringContaining('像素太大'),
    });
  });

  it.each([
    ['a JPEG header followed by a Windows executable', 'image/jpeg'],
    ['GIF89a followed by a script', 'image/gif'],
    ['a truncated JPEG', 'image/jpeg'],
    ['a PNG with trailing junk', 'image/png'],
    ['a PNG + zip polyglot', 'image/png'],
    ['a GIF with an executable after it', 'image/gif'],
    ['a WebP with trailing junk', 'image/webp'],
  ])('refuses %s with 415', async (name, mime) => {
    const file = (await hostileFiles())[name];

    await expect(reencodeImage(file, mime)).rejects.toMatchObject({ status: 415 });
  });

  it('refuses a PNG claimed as a JPEG', async () => {
    await expect(
      reencodeImage(await aPhoto({ format: 'png' }), 'image/jpeg'),
    ).rejects.toMatchObject({ status: 415 });
  });
});
