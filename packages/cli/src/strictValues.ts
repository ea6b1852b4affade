/** A calendar day `YYYY-MM-DD` as midnight UTC; undefined for any other text or a day that does not exist (2027-02-31). */
export function parseDay(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31 February over into March: the day exists only if it comes back unchanged
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? date
    : undefined;
}

/** The largest 32-bit AS number (RFC 6793). */
const MAX_AS = 4_294_967_295;

/**
 * An AS number written in decimal, with or without `AS`: `64500`, `AS64500`. Hex (`0x1F4`),
 * exponents, signs, fractions, spaces and values past 4294967295 are undefined.
 */
export function parseAsNumber(text: string): number | undefined {
  const match = /^(?:AS)?(\d{1,10})$/i.exec(text);
  if (!match) return undefined;
  const n = Number(match[1]);
  return n <= MAX_AS ? n : undefined;
}
