import { HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { ApiException } from '../common/api-exception';
import { multipartFileWords } from '../common/body-media-type';
import { watchPace, type PaceFailure, type PaceLimits } from './upload-pace';

/**
 * What the multipart plugin's limits (one file, no fields: see app.factory.ts) throw, in words
 * naming the file the route takes (its `@MultipartBody`: 一张 .xlsx 表格).
 */
const BEYOND_ONE_FILE: Record<string, (file: string) => string> = {
  FST_FILES_LIMIT: (file) => `一次只能上传一个文件：${file}`,
  FST_FIELDS_LIMIT: (file) => `请只上传${file}，不要附带其他内容`,
  FST_PARTS_LIMIT: (file) => `请只上传${file}，不要附带其他内容`,
};

const TOO_SLOW: Record<PaceFailure, string> = {
  idle: '网络中断，文件没有传完：请到信号好的地方或连上 Wi-Fi 后，点文件重新上传',
  slow: '网络太慢，文件没有传完：请到信号好的地方或连上 Wi-Fi 后，点文件重新上传',
};

/** The body stopped or crawled: 408, and the connection is closed with the answer. */
class PaceError extends Error {
  constructor(readonly failure: PaceFailure) {
    super(`upload body ${failure}`);
  }
}

/** What the plugin throws for a file above `limits.fileSize`, raised on the file's own stream. */
class FileTooLarge extends Error {
  readonly statusCode = 413;
  readonly code = 'FST_REQ_FILE_TOO_LARGE';
}

/**
 * Hands the one file of a multipart request to `sink` as it arrives and answers what the sink
 * made of it, or null when the form carries no file. The whole form is read, so a second file or
 * any other field is refused, never dropped: 400 `VALIDATION_FAILED` on `file`, as is a form that
 * cannot be read (no boundary, cut short, a broken part). A file above `UPLOAD_MAX_BYTES` keeps
 * its 413. A body that goes quiet or slower than `pace` allows is cut off with 408
 * `UPLOAD_TOO_SLOW`; the sink sees its stream fail and must let go of what it wrote. A file the sink took before
 * the form turned out to be refused is handed to `discard`.
 */
export async function receiveSingleFile<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  pace: PaceLimits,
  sink: (file: Readable) => Promise<T>,
  discard: (result: T) => Promise<void>,
): Promise<T | null> {
  if (!request.isMultipart()) return null;
  let current: Readable | null = null;
  let failed: PaceError | null = null;
  let cutOff: (error: PaceError) => void = () => undefined;
  const timedOut = new Promise<never>((_, reject) => (cutOff = reject));
  const stopWatching = watchPace(request.raw, pace, (failure) => {
    failed = new PaceError(failure);
    current?.destroy(failed);
    cutOff(failed);
  });
  let result: T | null = null;
  const work = (async () => {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      current = part.file;
      // The plugin would only cut the file short and raise the 413 at the next part: the sink
      // must see its stream fail instead of keeping a truncated file.
      part.file.once('limit', () => part.file.destroy(new FileTooLarge()));
      result = await sink(part.file);
    }
    return result;
  })();
  try {
    return await Promise.race([work, timedOut]);
  } catch (error) {
    // A file received before a later part broke the form is not kept.
    if (result !== null) await discard(result);
    const failure = failed ?? (error instanceof PaceError ? error : null);
    if (failure) {
      // A sink still writing sees its stream fail and lets go of its file before the answer says
      // nothing was kept. The rest of the body is not read: the connection closes with the answer.
      if (current !== null && result === null) await work.catch(() => undefined);
      else work.catch(() => undefined);
      request.raw.unpipe();
      request.raw.pause();
      void reply.header('connection', 'close');
      throw new ApiException(
        HttpStatus.REQUEST_TIMEOUT,
        'UPLOAD_TOO_SLOW',
        TOO_SLOW[failure.failure],
      );
    }
    if (error instanceof ApiException) throw error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && Object.hasOwn(BEYOND_ONE_FILE, code)) {
      throw ApiException.validation({ file: BEYOND_ONE_FILE[code](multipartFileWords(request)) });
    }
    if ((error as { statusCode?: unknown }).statusCode === 413) throw error;
    throw ApiException.validation({ file: '上传的内容不完整或格式不正确，请重新上传' });
  } finally {
    stopWatching();
  }
}
