import { request } from 'node:http';

export interface SlowUploadResult {
  status: number | null;
  body: string;
  /** Milliseconds from the first byte sent until the connection closed. */
  elapsedMs: number;
  /** The server closed the connection; false when the client gave up waiting for it. */
  closedByServer: boolean;
}

export interface SlowUploadOptions {
  token: string;
  /** The Content-Length promised: the file part is this large. */
  promisedBytes: number;
  /** Sent at once after the part's headers. */
  burstBytes: number;
  /** Then this many bytes every `intervalMs` (0: nothing more, the body goes quiet). */
  trickleBytes: number;
  intervalMs: number;
  /** The client hangs up after this long if the server has not. */
  giveUpMs: number;
}

/**
 * A multipart upload that promises a large file and then sends it slowly, as a stalled phone or a
 * slow-loris client would; resolves when the connection closes, with the server's answer if any.
 */
export function slowUpload(url: string, options: SlowUploadOptions): Promise<SlowUploadResult> {
  const boundary = 'slow-upload-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="v.mp4"\r\n` +
      `Content-Type: video/mp4\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const started = Date.now();
  return new Promise((resolve) => {
    const result: SlowUploadResult = { status: null, body: '', elapsedMs: 0, closedByServer: true };
    const req = request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + options.promisedBytes + tail.length),
      },
    });
    const trickle =
      options.trickleBytes > 0
        ? setInterval(() => {
            if (!req.destroyed) req.write(Buffer.alloc(options.trickleBytes, 0x41));
          }, options.intervalMs)
        : undefined;
    const giveUp = setTimeout(() => {
      result.closedByServer = false;
      req.destroy();
    }, options.giveUpMs);
    req.on('response', (response) => {
      result.status = response.statusCode ?? null;
      response.on('data', (chunk: Buffer) => (result.body += chunk.toString()));
    });
    req.on('error', () => undefined);
    req.on('close', () => {
      clearInterval(trickle);
      clearTimeout(giveUp);
      result.elapsedMs = Date.now() - started;
      resolve(result);
    });
    req.write(head);
    req.write(Buffer.alloc(options.burstBytes, 0x41));
  });
}
