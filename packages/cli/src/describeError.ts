import { ArinApiError } from '@regkit/arin-client';
import { HttpStatusError, RegkitError, ValidationError } from '@regkit/core';

/**
 * One line for a person: ARIN's own error text (code, message, and each component), the helpdesk's
 * error message, or the runtime's typed error. Secrets are already redacted by the runtime.
 */
export function describeError(err: unknown): { text: string; code?: string } {
  if (err instanceof ArinApiError) {
    const head = err.code
      ? `${err.code} (${err.status}): ${err.arinMessage ?? err.message}`
      : `HTTP ${err.status}: ${err.message}`;
    const lines = [
      head,
      ...err.components.map((c) => `  ${c.name ? `${c.name}: ` : ''}${c.message ?? ''}`),
      ...err.additionalInfo.map((m) => `  ${m}`),
    ];
    if (err.status === 413)
      lines.push('  (the response is too large: ask for message references with --msg-refs)');
    return { text: lines.join('\n'), ...(err.code ? { code: err.code } : {}) };
  }
  if (err instanceof ValidationError) {
    return {
      text: `invalid input: ${err.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      code: 'VALIDATION',
    };
  }
  if (err instanceof HttpStatusError) {
    // the helpdesk names a code it refuses but not the ones it takes: say where to look
    const hint = /activity code .* not allowed/i.test(err.message)
      ? '\n  (activity codes are configured per site; regkit helpdesk note activity-codes lists the stock ones)'
      : '';
    return { text: `${err.message}${hint}`, code: `HTTP_${err.status}` };
  }
  if (err instanceof RegkitError) return { text: err.message, code: err.name };
  if (err instanceof Error) return { text: err.message };
  return { text: String(err) };
}
