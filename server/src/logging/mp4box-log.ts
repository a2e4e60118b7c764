import { Log, type ISOFile } from 'mp4box';
import type { Logger } from './logger';

type Mp4boxLevel = 'debug' | 'trace';

/**
 * mp4box.js (the video check, `uploads/video-check.ts`) writes its parser's messages with
 * `console`; these go to the server's logger instead, with `component: 'mp4box'` and mp4box's
 * `module`: its errors and warnings at `debug` (a broken upload is answered 415, not a fault of
 * ours), its per-box detail at `trace`. Its `Log` is one object per process with no silent level
 * (`setLogLevel` takes anything it does not know for `error`), so its methods are replaced. An
 * error about a file still goes to that file's `onError`, as mp4box's own `Log.error` does.
 */
export function routeMp4boxLog(logger: Logger): void {
  const mp4box = logger.child({ component: 'mp4box' });
  const at = (level: Mp4boxLevel) => (module: string, message?: string) =>
    mp4box[level]({ module }, message ?? '');
  const error = at('debug');
  Object.assign(Log, {
    debug: at('trace'),
    info: at('trace'),
    warn: at('debug'),
    error: (module: string, message?: string, isofile?: ISOFile) => {
      if (isofile?.onError) isofile.onError(module, message ?? '');
      else error(module, message);
    },
  } satisfies Partial<typeof Log>);
}
