import { aMovie, hostileFiles } from '../../test/factories/media.factory';
import { checkMovie } from './video-check';

async function* inChunks(bytes: Buffer, size = 7) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe(checkMovie.name, () => {
  it('accepts a real MP4 fed in small chunks, and finds its video track', async () => {
    const movie = aMovie({ sampleBytes: 5000 });

    const info = await checkMovie(inChunks(movie), movie.length);

    expect(info.videoTracks).toHaveLength(1);
  });

  it.each([
    'an ELF with ftyp at byte 4',
    'ftyp at byte 4 and nothing else',
    'an MP4 with trailing junk',
    'an MP4 + zip polyglot',
    'an MP4 cut short',
    'an MP4 without its moov',
  ])('refuses %s with 415', async (name) => {
    const file = (await hostileFiles())[name];

    await expect(checkMovie(inChunks(file, 64), file.length)).rejects.toMatchObject({
      status: 415,
    });
  });
});
