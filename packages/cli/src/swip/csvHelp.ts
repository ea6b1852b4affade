import { MAX_FIELD_LENGTH, MAX_NET_NAME_LENGTH, MAX_ROW_BYTES, MAX_ROW_FIELDS } from './limits.js';

/** The CSV format of `regkit arin swip`, for its help and its errors. */
export const SWIP_CSV_HELP = `CSV columns (header row required, names case-insensitive):
  customer_name  the customer's legal name (required)
  street         street address; street2 for a second line (required)
  city           (required)
  state          ISO 3166-2 subdivision code, required by ARIN for US and CA
  postal_code    required by ARIN for US and CA
  country        ISO 3166-1 alpha-2 code, e.g. US (required)
  block          the block to reassign, in CIDR notation, e.g. 192.0.2.0/28 or 2001:db8:1::/48 (required)
  net_name       optional; defaults to the customer name in ARIN's allowed characters
Each field and street line holds at most ${MAX_FIELD_LENGTH} characters, net_name at most ${MAX_NET_NAME_LENGTH}, a row at most
${MAX_ROW_BYTES / 1024} KiB and ${MAX_ROW_FIELDS} fields; a cell any line of which starts with =, +, - or @ (after spaces) blocks its row.`;
