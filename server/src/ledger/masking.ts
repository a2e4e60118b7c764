/**
 * How the 台账 shows a child to a caller who may not see who the child is (domain.md, Privacy:
 * 未保法 第一百零三条): enough to match a row against a paper file, not enough to name the child.
 */

/** `王小红` → `王*红`, `王红` → `王*`, `红` → `*`: the first and last characters stay. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*'.repeat(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * A tracking code with its middle hidden: `ACDEFGHJKM` → `ACDE-****-KM`. The whole code opens the
 * report's public progress without a login (`/track`), so the 台账, a file that travels, carries
 * only enough to match a row against a receipt.
 */
export function maskTrackingCode(code: string): string {
  const chars = [...code];
  return `${chars.slice(0, 4).join('')}-${'*'.repeat(Math.max(chars.length - 6, 0))}-${chars.slice(-2).join('')}`;
}

/**
 * An 身份证号 with its first 6 (the place of registration) and last 4 characters kept:
 * `341324201501011234` → `341324********1234`. Ten characters or fewer show as stars only.
 */
export function maskIdNumber(idNumber: string): string {
  const chars = [...idNumber.trim()];
  if (chars.length <= 10) return '*'.repeat(chars.length);
  return `${chars.slice(0, 6).join('')}${'*'.repeat(chars.length - 10)}${chars.slice(-4).join('')}`;
}
