import type { FastifyRequest } from 'fastify';
import { ApiException } from '../common/api-exception';

/**
 * The bytes of the one file of a multipart request, or null when it carries none. A form that
 * cannot be read (no boundary, cut short, a broken part) is the client's fault: 400
 * `VALIDATION_FAILED` on `file`. Limits (a file above `UPLOAD_MAX_BYTES`, a second file or a field)
 * keep their 413.
 */
export async function readSingleFile(request: FastifyRequest): Promise<Buffer | null> {
  if (!request.isMultipart()) return null;
  try {
    const file = await request.file();
    return file ? await file.toBuffer() : null;
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 413) throw error;
    throw ApiException.validation({ file: '上传的内容不完整或格式不正确，请重新上传' });
  }
}
