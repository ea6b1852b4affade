// RFC 9110: a field name is a token; a field value holds no control character but HTAB and has no
// surrounding whitespace. Checked before any `Headers` is built, so the platform's `TypeError`
// (which quotes the value, a credential perhaps) never happens.
const TOKEN = /^[!#$%&'*+\-.^`|~\w]+$/;
// eslint-disable-next-line no-control-regex -- these are exactly the characters being refused
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/;

export function isHeaderName(name: string): boolean {
  return TOKEN.test(name);
}

export function isHeaderValue(value: string): boolean {
  return typeof value === 'string' && !CONTROL.test(value) && value.trim() === value;
}
