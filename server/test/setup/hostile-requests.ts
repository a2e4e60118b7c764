import fc from 'fast-check';

/**
 * Malformed requests made from a valid one, drawn from fast-check's seeded generator: the same
 * seed and the same valid requests give the same requests again, so a failure can be replayed.
 *
 * A draw is a recipe (plain data: what to break, and how), printed with every failure; applying it
 * to the route's valid request gives the request to send.
 */

/** The valid request a route's hostile requests are made from. */
export interface HostileBase {
  /** `POST /orders/:id/sign`, as in the route table. */
  key: string;
  method: string;
  /** The path with its parameters filled in, relative to /api/v1. */
  path: string;
  token?: string;
  /** The JSON body; `{}` for a route that takes none. */
  body: Record<string, unknown>;
  /** The upload's multipart form, instead of `body`. */
  form?: () => FormData;
  headers: Record<string, string>;
  /** Paths of the body's fields (`child.name`, `days.0.date`), from the DTO's metadata. */
  fields: string[];
  /** An Idempotency-Key an accepted request of this route has already used. */
  usedKey?: string;
}

export interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** A stream is sent chunked (Transfer-Encoding, no Content-Length). */
  body?: Uint8Array | FormData | ReadableStream<Uint8Array>;
}

/** Who makes a request that changes its caller: a session by name, or a forged Authorization. */
export type Callers = Record<string, string | undefined>;

type BodyMutation =
  | { kind: 'set'; path: string; value: unknown }
  | { kind: 'raw'; path: string; literal: string }
  | { kind: 'delete'; path: string }
  | { kind: 'wrap'; path: string }
  | { kind: 'unwrap'; path: string }
  | { kind: 'extra'; at: string; key: string; value: unknown }
  | { kind: 'duplicate'; key: string; value: unknown }
  | { kind: 'nest'; path: string; depth: number }
  | { kind: 'replace'; raw: string }
  | { kind: 'cut'; at: number }
  | { kind: 'garble'; at: number; text: string };

type TransportMutation =
  | { kind: 'content-type'; value: string | null }
  | { kind: 'multipart' }
  | { kind: 'chunked' }
  | { kind: 'json' }
  | { kind: 'form'; variant: FormVariant };

type FormVariant =
  | { part: 'no-file' }
  | { part: 'two-files' }
  | { part: 'empty-file' }
  | { part: 'bytes'; bytes: number[]; name: string; type: string }
  | { part: 'file-name'; name: string }
  | { part: 'field-name'; name: string }
  | { part: 'too-big' }
  | { part: 'raw'; contentType: string; raw: string };

export interface Recipe {
  body?: BodyMutation;
  transport?: TransportMutation;
  /** The i-th path parameter replaced by `value` (sent as is: already URL-encoded or not). */
  param?: { index: number; value: string };
  query?: string;
  /** `null`: no Idempotency-Key; `REUSE`: the key an accepted request already used. */
  idempotencyKey?: string | null;
  caller?: { session: string } | { authorization: string | null };
}

/** A route's shape, which decides which parts of a request can be broken. */
export interface RouteShape {
  fields: string[];
  params: number;
  upload: boolean;
}

const REUSE = 'REUSE';

/** Past Fastify's 100-character path segment, every text limit, and the 320 KB body limit. */
const BIG_LENGTHS = [101, 1001, 5001, 65_537, 200_000, 400_000];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u3000\u3000',
    '\u0000',
    'a\u0000b',
    '\u001b[2J',
    '\u0007\u0008\u007f',
    '\u202eexe.gnp',
    '\u202d\u202e\u2066\u2069',
    '\ud800',
    'x\udfff',
    '\udbff',
    '😀👨‍👩‍👧‍👦🏳️‍🌈',
    'Z̷̢̛̖a̶̢l̴g̵o̸',
    '\ufeff\u200b',
    '\uffff\ufffe',
    "' OR 1=1 --",
    "'); DROP TABLE reports; --",
    '"',
    '\\',
    '${jndi:ldap://x/a}',
    '<script>alert(1)</script>',
    '../../../../etc/passwd',
    '%00',
    '\r\n\r\n',
    'null',
    'NaN',
    'Infinity',
    '-0',
    '1e308',
    '0x1F',
    '２０２６',
    '341324100',
    '𠮷'.repeat(3000),
  ),
  fc.constantFrom(...BIG_LENGTHS).map((n) => 'x'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    -0,
    0,
    -1,
    1.5,
    0.1,
    2 ** 31,
    2 ** 53 + 2,
    -(2 ** 63),
    Number.MIN_VALUE,
    91,
    -181,
    1e21,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Number literals JSON.stringify never writes: out of range, too precise, or not JSON at all. */
const rawNumber = fc.constantFrom(
  '1e999',
  '-1e999',
  '123456789012345678901234567890',
  '-0.0',
  '1E-400',
  '1e+308',
  '4.9e-324',
  '00012',
  '.5',
  '+1',
  '0x10',
  'NaN',
  'Infinity',
  'undefined',
  '1_000',
  '１',
);

const hostileDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2026-13-01T00:00:00Z',
    '2026-02-30T00:00:00+08:00',
    '2026-02-29',
    '0000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '1970-01-01T00:00:00Z',
    '2026-01-01T25:00:00+08:00',
    '2026-01-01T00:00:00+24:00',
    '2026-01-01T00:00:60Z',
    '2026-1-1',
    '20260101',
    '2026-01-01 00:00:00',
    '2026-01-01T00:00:00.123456789Z',
    'yesterday',
  ),
  fc
    .date({ noInvalidDate: true, min: new Date(-8.64e15), max: new Date(8.64e15) })
    .map((d) => d.toISOString()),
  fc
    .date({ noInvalidDate: true, min: new Date(-6e13), max: new Date(3e14) })
    .map((d) => d.toISOString().slice(0, 10)),
);

const hostileShape: fc.Arbitrary<unknown> = fc.constantFrom(
  null,
  true,
  false,
  {},
  [],
  [[]],
  [null],
  { a: 1 },
  { '': '' },
  [{}],
  { 0: 'x' },
  { length: 1 },
);

/** Any value a field may be given instead of what it takes. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  hostileDate,
  hostileShape,
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(hostileString, { maxLength: 3 }),
  fc.array(hostileNumber, { maxLength: 3 }),
);

const pollutingKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  'id',
  'createdAt',
  'userId',
  'roles',
  'status',
);

const unknownKey = fc.oneof(pollutingKey, fc.string({ unit: 'binary', maxLength: 12 }));

/** Whole bodies that are not the route's object at all, broken JSON among them. */
const wholeBody = fc.constantFrom(
  '',
  ' ',
  'null',
  '[]',
  '[{}]',
  '"x"',
  '1',
  'true',
  '{',
  '}',
  '{"a":}',
  "{'a':1}",
  '{"a":1,}',
  '{"a":1}{"a":2}',
  '{"a":1} trailing',
  '{"a":NaN}',
  '{"a":undefined}',
  '/*c*/{}',
  '\ufeff{}',
  '{"a":"\u0000"}',
  '{"\\ud800":1}',
  '{"a":"\\ud800"}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":'.repeat(7) + '1' + '}'.repeat(7),
  '['.repeat(2000) + ']'.repeat(2000),
  '{"a":"' + 'x'.repeat(400_000) + '"}',
);

const contentType = fc.constantFrom(
  null,
  '',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json;;;',
  'application/jsonp',
  'application/vnd.api+json',
  'application/json, text/html',
  'multipart/form-data',
  'application/xml',
  'image/png',
);

const fileName = fc.oneof(
  fc.constantFrom(
    '../../etc/passwd',
    'a.png\u0000.exe',
    '\u202egnp.exe',
    'x'.repeat(1000) + '.png',
    '',
    '.png',
    'a.PNG',
    'a.svg',
    'a.html',
    'CON',
    '照片 😀.png',
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

const formVariant: fc.Arbitrary<FormVariant> = fc.oneof(
  fc.constant({ part: 'no-file' as const }),
  fc.constant({ part: 'two-files' as const }),
  fc.constant({ part: 'empty-file' as const }),
  fc.constant({ part: 'too-big' as const }),
  fc.record({
    part: fc.constant('bytes' as const),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }),
    name: fileName,
    type: fc.constantFrom('image/png', 'image/jpeg', 'video/mp4', 'text/html', ''),
  }),
  fc.record({ part: fc.constant('file-name' as const), name: fileName }),
  fc.record({
    part: fc.constant('field-name' as const),
    name: fc.constantFrom('', 'files', 'file[]', '__proto__', 'FILE', 'file\u0000'),
  }),
  fc.record({
    part: fc.constant('raw' as const),
    contentType: fc.constantFrom(
      'multipart/form-data; boundary=XYZ',
      'multipart/form-data; boundary="XYZ"',
      'multipart/form-data; boundary=',
      'multipart/form-data; boundary=' + 'B'.repeat(200),
      'multipart/form-data; boundary=XYZ; boundary=ABC',
    ),
    raw: fc.constantFrom(
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\u0089PNG\r\n\u001a\n',
      '--XYZ\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--XYZ--\r\n',
      '--XYZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XYZ--\r\n',
      '--XYZ\r\n\r\n\r\n--XYZ--\r\n',
      '--XYZ--\r\n',
      '',
      'garbage',
      '--ABC\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nx\r\n--ABC--\r\n',
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: multipart/mixed; boundary=IN\r\n\r\n--IN\r\n\r\nx\r\n--IN--\r\n--XYZ--\r\n',
    ),
  }),
);

/** `SAME-*`: the valid parameter in upper case, with a trailing space, or one character short. */
const pathValue = fc.oneof(
  fc.constantFrom(
    '%20',
    '%00',
    'x%00y',
    '..%2f..%2fadmin',
    '%2e%2e',
    "1'%20OR%20'1'%3D'1",
    '1%3BDROP%20TABLE%20orders',
    '%E2%80%AE',
    '%F0%9F%98%80',
    '%ED%A0%80',
    '%C0%AE',
    '%ZZ',
    'x'.repeat(101),
    'x'.repeat(5000),
    '00000000-0000-0000-0000-000000000000',
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    '-1',
    '0',
    '1e3',
    '2026.5',
    '99999999999999999999',
    'NaN',
    'null',
    '%5B%5D',
    '*',
    '__proto__',
    'constructor',
    'SAME-UPPER',
    'SAME-SPACE',
    'SAME-CUT',
  ),
  fc.uuid().map(String),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent),
);

const queryString = fc.oneof(
  fc.constantFrom(
    'x=1',
    '__proto__[a]=1',
    '__proto__.a=1',
    'constructor[prototype][a]=1',
    'id=1&id=2',
    'pageSize=-1',
    'a=%00',
    'a'.repeat(3000) + '=1',
    '=',
    'a[]=1&a[]=2',
    'q=%ZZ',
    '%E2%80%AE=1',
    'openid=demo-admin',
  ),
  fc
    .tuple(unknownKey, fc.string({ maxLength: 20 }))
    .map(([k, v]) => `${encodeURIComponent(k) || 'k'}=${encodeURIComponent(v)}`),
);

const idempotencyKey = fc.oneof(
  fc.constantFrom<string | null>(
    null,
    '',
    ' ',
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(200),
    'x'.repeat(8000),
    'a, b',
    '%E2%80%AE',
    "' OR 1=1 --",
    '\t',
    REUSE,
  ),
  fc.uuid().map(String),
);

/** `null`: no Authorization; `TAMPERED`: the caller's token with its signature changed; `TOKEN TOKEN`: it twice. */
const forgedAuthorization = fc.constantFrom<string | null>(
  null,
  '',
  'Bearer',
  'Bearer ',
  'Bearer x',
  'Bearer null',
  'Basic YWRtaW46YWRtaW4=',
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
  'Bearer ' + 'a'.repeat(5000),
  'TAMPERED',
  'Bearer TOKEN TOKEN',
);

function bodyMutation(fields: string[]): fc.Arbitrary<BodyMutation> {
  const field = fields.length > 0 ? fc.constantFrom(...fields) : fc.constant('x');
  const object = fc.constantFrom(
    '',
    ...fields.filter((f) => fields.some((g) => g.startsWith(`${f}.`))),
  );
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({ kind: fc.constant('set' as const), path: field, value: hostileValue }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('raw' as const), path: field, literal: rawNumber }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: field }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap' as const), path: field }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('unwrap' as const), path: field }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        at: object,
        key: unknownKey,
        value: hostileValue,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('duplicate' as const),
        key:
          fields.length > 0 ? fc.constantFrom(...fields.map((f) => f.split('.')[0])) : unknownKey,
        value: hostileValue,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('nest' as const),
        path: field,
        depth: fc.integer({ min: 3, max: 12 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), raw: wholeBody }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('cut' as const),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('garble' as const),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        text: fc.constantFrom('\u0000', '"', '\\', '}', ',', ':', '\\u', '\\ud800', '\n'),
      }),
    },
  );
}

/** `arbitrary`'s value in `percent` of the draws, otherwise undefined (that part left valid). */
function sometimes<T>(percent: number, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof(
    { weight: 100 - percent, arbitrary: fc.constant(undefined) },
    { weight: percent, arbitrary },
  );
}

/** Recipes for one route: each breaks at least one part of its valid request. */
export function recipes(shape: RouteShape, sessions: string[]): fc.Arbitrary<Recipe> {
  const transport: fc.Arbitrary<TransportMutation> = shape.upload
    ? fc.oneof(
        {
          weight: 6,
          arbitrary: fc.record({ kind: fc.constant('form' as const), variant: formVariant }),
        },
        { weight: 1, arbitrary: fc.constant({ kind: 'json' as const }) },
        {
          weight: 1,
          arbitrary: fc.record({ kind: fc.constant('content-type' as const), value: contentType }),
        },
      )
    : fc.oneof(
        fc.record({ kind: fc.constant('content-type' as const), value: contentType }),
        fc.constant({ kind: 'multipart' as const }),
        fc.constant({ kind: 'chunked' as const }),
      );
  const caller = fc.oneof(
    { weight: 3, arbitrary: fc.record({ session: fc.constantFrom(...sessions) }) },
    { weight: 1, arbitrary: fc.record({ authorization: forgedAuthorization }) },
  );
  const parts = {
    body: shape.upload ? fc.constant(undefined) : sometimes(75, bodyMutation(shape.fields)),
    transport: sometimes(shape.upload ? 85 : 12, transport),
    param:
      shape.params > 0
        ? sometimes(
            30,
            fc.record({ index: fc.integer({ min: 0, max: shape.params - 1 }), value: pathValue }),
          )
        : fc.constant(undefined),
    query: sometimes(8, queryString),
    idempotencyKey: sometimes(12, idempotencyKey),
    caller: sometimes(20, caller),
  };
  return fc
    .record(parts)
    .map(
      (recipe) =>
        Object.fromEntries(
          Object.entries(recipe).filter(([, value]) => value !== undefined),
        ) as Recipe,
    )
    .filter((recipe) => Object.keys(recipe).length > 0);
}

/** `value` at `path` of a copy of `body`, or `undefined` to delete it; objects made where missing. */
function edit(
  body: unknown,
  path: string,
  change: (old: unknown) => unknown,
): Record<string, unknown> {
  const copy = structuredClone(body) as Record<string, unknown>;
  if (path === '') return change(copy) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  const value = change(node[last]);
  if (value === undefined) delete node[last];
  // defineProperty: a key named __proto__ becomes the object's own field, as JSON.parse makes it.
  else
    Object.defineProperty(node, last, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

const RAW_MARK = '"\u0001raw\u0001"';

function serializeBody(body: Record<string, unknown>, mutation: BodyMutation | undefined): string {
  if (!mutation) return JSON.stringify(body);
  switch (mutation.kind) {
    case 'set':
      return JSON.stringify(edit(body, mutation.path, () => mutation.value));
    case 'raw':
      return JSON.stringify(edit(body, mutation.path, () => '\u0001raw\u0001')).replace(
        RAW_MARK,
        mutation.literal,
      );
    case 'delete':
      return JSON.stringify(edit(body, mutation.path, () => undefined));
    case 'wrap':
      return JSON.stringify(edit(body, mutation.path, (old) => [old ?? null]));
    case 'unwrap':
      return JSON.stringify(
        edit(body, mutation.path, (old) =>
          Array.isArray(old) ? (old[0] ?? null) : { value: old ?? null },
        ),
      );
    case 'extra':
      return JSON.stringify(
        edit(body, mutation.at, (old) => {
          const object = (typeof old === 'object' && old !== null ? old : {}) as object;
          Object.defineProperty(object, mutation.key, {
            value: mutation.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
          return object;
        }),
      );
    case 'duplicate': {
      const json = JSON.stringify(body);
      const duplicate = `${JSON.stringify(mutation.key)}:${JSON.stringify(mutation.value) ?? 'null'}`;
      return json === '{}' ? `{${duplicate},${duplicate}}` : `${json.slice(0, -1)},${duplicate}}`;
    }
    case 'nest':
      return JSON.stringify(
        edit(body, mutation.path, (old) => {
          let value: unknown = old ?? 'x';
          for (let i = 0; i < mutation.depth; i++) value = i % 2 ? [value] : { a: value };
          return value;
        }),
      );
    case 'replace':
      return mutation.raw;
    case 'cut': {
      const json = JSON.stringify(body);
      return json.slice(0, Math.floor(json.length * mutation.at));
    }
    case 'garble': {
      const json = JSON.stringify(body);
      const at = Math.floor(json.length * mutation.at);
      return json.slice(0, at) + mutation.text + json.slice(at);
    }
  }
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function hostileForm(variant: FormVariant, maxBytes: number): FormData {
  const form = new FormData();
  const png = (extra = 4) => new Blob([Buffer.from([...PNG, ...Array<number>(extra).fill(1)])]);
  switch (variant.part) {
    case 'no-file':
      form.append('x', '1');
      break;
    case 'two-files':
      form.append('file', png(), 'a.png');
      form.append('file', png(), 'b.png');
      break;
    case 'empty-file':
      form.append('file', new Blob([]), 'a.png');
      break;
    case 'too-big':
      form.append('file', png(maxBytes + 1), 'a.png');
      break;
    case 'bytes':
      form.append(
        'file',
        new Blob([Buffer.from(variant.bytes)], { type: variant.type }),
        variant.name,
      );
      break;
    case 'file-name':
      form.append('file', png(), variant.name);
      break;
    case 'field-name':
      form.append(variant.name, png(), 'a.png');
      break;
    case 'raw':
      break;
  }
  return form;
}

/** The bytes in two chunks of a stream, so fetch sends them chunked. */
function chunked(bytes: Uint8Array): ReadableStream<Uint8Array> {
  const half = Math.floor(bytes.length / 2);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.subarray(0, half));
      controller.enqueue(bytes.subarray(half));
      controller.close();
    },
  });
}

function pathWith(base: HostileBase, param: Recipe['param']): string {
  if (!param) return base.path;
  const template = base.key.split(' ')[1].split('/');
  const segments = base.path.split('/');
  const at = template.map((s, i) => (s.startsWith(':') ? i : -1)).filter((i) => i >= 0)[
    param.index
  ];
  const same = segments[at];
  const value =
    param.value === 'SAME-UPPER'
      ? same.toUpperCase()
      : param.value === 'SAME-SPACE'
        ? `${same}%20`
        : param.value === 'SAME-CUT'
          ? same.slice(0, -1)
          : param.value;
  segments[at] = value;
  return segments.join('/');
}

/** The request a recipe makes of a route's valid request. */
export function applyRecipe(
  base: HostileBase,
  recipe: Recipe,
  callers: Callers,
  uploadMaxBytes: number,
): HostileRequest {
  const headers: Record<string, string> = { ...base.headers };
  let token = base.token;
  let authorization: string | null | undefined;
  if (recipe.caller && 'session' in recipe.caller) token = callers[recipe.caller.session];
  if (recipe.caller && 'authorization' in recipe.caller) {
    authorization =
      recipe.caller.authorization === 'TAMPERED'
        ? `Bearer ${(base.token ?? 'x').slice(0, -2)}xx`
        : recipe.caller.authorization === 'Bearer TOKEN TOKEN'
          ? `Bearer ${base.token} ${base.token}`
          : recipe.caller.authorization;
  }
  if (authorization !== undefined) {
    if (authorization !== null) headers.authorization = authorization;
  } else if (token) headers.authorization = `Bearer ${token}`;

  if (recipe.idempotencyKey !== undefined) {
    delete headers['idempotency-key'];
    const key = recipe.idempotencyKey === REUSE ? base.usedKey : recipe.idempotencyKey;
    if (key !== null && key !== undefined) headers['idempotency-key'] = key;
  }

  const path =
    pathWith(base, recipe.param) + (recipe.query !== undefined ? `?${recipe.query}` : '');
  const transport = recipe.transport;
  let body: HostileRequest['body'];
  if (base.form) {
    if (transport?.kind === 'form' && transport.variant.part === 'raw') {
      headers['content-type'] = transport.variant.contentType;
      body = Buffer.from(transport.variant.raw, 'latin1');
    } else if (transport?.kind === 'form') {
      body = hostileForm(transport.variant, uploadMaxBytes);
    } else if (transport?.kind === 'json') {
      headers['content-type'] = 'application/json';
      body = Buffer.from(JSON.stringify({ file: 'photo.png' }));
    } else if (transport?.kind === 'content-type') {
      if (transport.value !== null) headers['content-type'] = transport.value;
      body = Buffer.from('--XYZ\r\n\r\nx\r\n--XYZ--\r\n');
    } else {
      body = base.form();
    }
  } else if (transport?.kind === 'multipart') {
    const form = new FormData();
    for (const [key, value] of Object.entries(base.body)) form.append(key, JSON.stringify(value));
    form.append('file', new Blob([Buffer.from(PNG)]), 'a.png');
    body = form;
  } else {
    body = Buffer.from(serializeBody(base.body, recipe.body));
    headers['content-type'] = 'application/json';
    if (transport?.kind === 'content-type') {
      if (transport.value === null) delete headers['content-type'];
      else headers['content-type'] = transport.value;
    }
    if (transport?.kind === 'chunked') body = chunked(body);
  }
  return { method: base.method, path, headers, body };
}

/** A recipe as one line, long strings shortened, so a failure can be read and replayed. */
export function describeRecipe(recipe: Recipe): string {
  return JSON.stringify(recipe, (_key, value: unknown) =>
    typeof value === 'string' && value.length > 80
      ? `${value.slice(0, 40)}…(${value.length} chars)`
      : value,
  );
}
