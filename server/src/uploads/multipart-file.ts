import type { FastifyRequest } from 'fastify';
import { ApiException } from '../common/api-exception';

/** What the multipart plugin's limits (one file, no fields: see app.factory.ts) throw, in words. */
const BEYOND_ONE_FILE: Record<string, string> = {
  FST_FILES_LIMIT: '一次只能上传一个文件',
  FST_FIELDS_LIMIT: '请只上传一张照片或一段视频，不要附带其他内容',
  FST_PARTS_LIMIT: '请只上传一张照片或一段视频，不要附带其他内容',
};

/**
 * The bytes of the one file of a multipart request, or null when it carries none. The whole form
 * is read, so a second file or any other field is refused, never dropped: 400 `VALIDATION_FAILED`
 * on `file`, as is a form that cannot be read (no boundary, cut short, a broken part). A file above
 * `UPLOAD_MAX_BYTES` keeps its 413.
 */
export async function readSingleFile(request: FastifyRequest): Promise<Buffer | null> {
  if (!request.isMultipart()) return null;
  let bytes: Buffer | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') bytes = await part.toBuffer();
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && Object.hasOwn(BEYOND_ONE_FILE, code)) {
      throw ApiException.validation({ file: BEYOND_ONE_FILE[code] });
    }
    if ((error as { statusCode?: unknown }).statusCode === 413) throw error;
    throw ApiException.validation({ file: '上传的内容不完整或格式不正确，请重新上传' });
  }
  return bytes;
}
