/**
 * What one row of a SWIP CSV may hold. ARIN publishes no maximum length for customer fields; these
 * are regkit's own, checked when the plan is made so that a row ARIN or the regkit mock would refuse
 * is blocked there instead of failing half-way through `apply`.
 */

/**
 * The most characters regkit sends in one customer field or one street line: the regkit mock
 * refuses any longer text value (its `maxFieldLength`). Counted as JavaScript counts a string's
 * length, as the mock does: a character outside the Basic Multilingual Plane counts as two.
 */
export const MAX_FIELD_LENGTH = 1024;

/** The longest net name: derived names are cut to fit, a longer `net_name` cell blocks its row. */
export const MAX_NET_NAME_LENGTH = 50;

/**
 * The most bytes one row of the CSV may take (64 KiB): reading stops at the first longer row, so a
 * huge cell (or a quote left open) is refused in bounded memory and time.
 */
export const MAX_ROW_BYTES = 64 * 1024;

/** No block in CIDR notation is longer (a fully written IPv6 address and /128 is 43 characters). */
export const MAX_BLOCK_LENGTH = 64;

/** The most fields one row may have (the columns regkit reads and any others). */
export const MAX_ROW_FIELDS = 1024;
