import { isIP } from 'node:net';

/**
 * Which peers may tell the server the client's address (`X-Forwarded-For`) and scheme
 * (`X-Forwarded-Proto`), in the forms Fastify's `trustProxy` takes: `false` (none: the socket's
 * peer is the client), a number of proxy hops in front of the server, or the proxies' addresses and
 * CIDR ranges. Never `true`: that trusts every hop, so a client could name its own address, escape
 * the per-address rate limits and write what it likes into the audit log's `ip`.
 */
export type TrustProxy = false | number | string[];

/** The most hops a deployment plausibly has (CDN, load balancer, ingress…). */
export const MAX_PROXY_HOPS = 10;

const REFUSE_TRUE =
  'must not be true: that trusts every X-Forwarded-For hop, so a client could choose its own ' +
  'address. Set the number of proxies in front of the server (e.g. 1) or their addresses ' +
  '(e.g. 10.0.0.5,10.0.1.0/24)';

function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
  return bits >= 0 && bits <= (version === 4 ? 32 : 128);
}

/**
 * Reads `TRUST_PROXY` (already known to be a non-empty string or unset): `false` or `0` → none, a
 * whole number of hops, or addresses/CIDRs separated by commas. Problems are pushed, named.
 */
export function parseTrustProxy(value: string | undefined, problems: string[]): TrustProxy {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true') {
    problems.push(`TRUST_PROXY: ${REFUSE_TRUE}`);
    return false;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= MAX_PROXY_HOPS) return hops;
    problems.push(`TRUST_PROXY: at most ${MAX_PROXY_HOPS} proxy hops`);
    return false;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (bad.length === 0) return entries;
  problems.push(
    `TRUST_PROXY: must be false, a number of proxy hops, or proxy addresses/CIDRs separated by ` +
      `commas; not an address: ${bad.join(', ')}`,
  );
  return false;
}

/**
 * The form Fastify takes. Fastify 5 treats a bare number as "trust no one" (it cannot check the
 * peer), so hops are given as proxy-addr's hop function: the socket's peer and the next `hops - 1`
 * entries of `X-Forwarded-For` are proxies, the entry before them is the client. That is only
 * right when nothing but those proxies can reach the server's port (README, The edge of the server).
 */
export function fastifyTrustProxy(
  trust: TrustProxy,
): false | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}
