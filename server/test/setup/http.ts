export interface HttpResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  /** multipart/form-data; fetch sets the content type with its boundary. */
  form?: FormData;
  headers?: Record<string, string>;
}

/** A plain HTTP call to the running test server, as any client would make it. */
export async function http<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<HttpResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let payload: string | FormData | undefined = options.form ?? options.rawBody;
  if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
  }
  if (typeof payload === 'string') headers['content-type'] ??= 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
  const json = response.headers.get('content-type')?.includes('application/json');
  const text = json ? await response.text() : '';
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: response.headers,
  };
}
