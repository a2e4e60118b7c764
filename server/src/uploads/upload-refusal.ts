import { HttpStatus } from '@nestjs/common';
import { ApiException } from '../common/api-exception';

/**
 * 415 for a file that is not a photo or video we can check, with what the reporter can do. The
 * message stands alone: the app shows it as it is.
 */
export function unsupportedFile(reason: string): ApiException {
  return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'VALIDATION_FAILED', reason, {
    file: reason,
  });
}

export const NOT_PHOTO_OR_VIDEO =
  '这个文件不是能打开的照片或视频，请重新拍摄或从相册选择照片（JPG、PNG、GIF、WebP）或视频（MP4、MOV）';
