import { aMovie, hostileFiles } from '../../test/factories/media.factory';
import { createLogger } from '../logging/logger';
import { routeMp4boxLog } from '../logging/mp4box-log';
import { checkMovie } from './video-check';

async function* inChunks(bytes: Buffer, size = 7) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe(checkMovie.name, () => {
  // As the server runs it: mp4box's messages on the server's logger (here one writing nothing).
  beforeAll(() => routeMp4boxLog(createLogger('silent')));

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
  ])('refuses %s with 415, writing nothing on the console', async (name) => {
    const file = (await hostileFiles())[name];
    const consoleWrites = (['log', 'debug', 'info', 'warn', 'error'] as const).map((method) =>
      jest.spyOn(console, method),
    );

    await expect(checkMovie(inChunks(file, 64), file.length)).rejects.toMatchObject({
      status: 415,
    });
    expect(consoleWrites.flatMap((spy) => spy.mock.calls)).toEqual([]);
    consoleWrites.forEach((spy) => spy.mockRestore());
  });
});
