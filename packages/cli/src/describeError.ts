import { ArinApiError } from '@regkit/arin-client';
import { HttpStatusError, RegkitError, ValidationError } from '@regkit/core';

/**
 * One line for a person: ARIN's own error text (code, message, and each component), the helpdesk's
 * error message, or the runtime's typed error. Secrets are already redacted by the runtime.
 */
export function describeError(err: unknown): { text: string; code?: string } {
  if (err instanceof ArinApiError) {
    const parts = err.components.map((c) => (c.name ? `${c.name}: ${c.message}` : c.message));
    const text = [`${err.code ?? `HTTP ${err.status}`}: ${err.message}`, ...parts].join(' | ');
    return { text, ...(err.code ? { code: err.code } : {}) };
  }
  if (err instanceof ValidationError) {
    return {
      text: `invalid input: ${err.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      code: 'VALIDATION',
    };
  }
  if (err instanceof HttpStatusError)
    return { text: `HTTP ${err.status}: ${err.message}`, code: `HTTP_${err.status}` };
  if (err instanceof RegkitError) return { text: err.message, code: err.name };
  if (err instanceof Error) return { text: err.message };
  return { text: String(err) };
}
