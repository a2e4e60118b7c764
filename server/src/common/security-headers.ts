import type { HelmetOptions } from 'helmet';

/**
 * helmet's options: nosniff, no framing (`frame-ancestors 'none'`, `X-Frame-Options`),
 * `Referrer-Policy: no-referrer` (addresses carry report ids and tracking codes), and a CSP for the
 * H5 app: scripts only from our origin and the inline scripts of its `index.html` by hash
 * (`scriptHashes`), never `'unsafe-inline'`. Styles may be inline: the first-screen shell is inline
 * CSS and Taro's components set style attributes; a style cannot run code. Images and videos may
 * be `blob:` / `data:` (previews of a photo being uploaded). HSTS is not helmet's: it is sent only
 * over TLS (`edge-headers.ts`).
 */
export function securityHeaderOptions(scriptHashes: string[]): HelmetOptions {
  return {
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...scriptHashes],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // Taro's H5 uploadFile reads the picked photo back through its blob: address.
        connectSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  };
}
