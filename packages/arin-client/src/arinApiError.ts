import { HttpStatusError, redact, redactDeep } from '@regkit/core';
import type { ArinErrorCode, ErrorComponent, ErrorPayload } from './generated/types.gen.js';

/** ARIN answered with an error status; carries ARIN's own ErrorPayload. */
export class ArinApiError extends HttpStatusError {
  static override readonly brand: symbol = Symbol.for('regkit.error.ArinApiError');
  /**
   * ARIN's error code (`E_OBJECT_NOT_FOUND`, `E_ENTITY_VALIDATION`, …: one of `ArinErrorCodeValues`,
   * or a code the spec does not list yet); `undefined` when the body was not an ErrorPayload.
   */
  readonly code: ArinErrorCode | (string & {}) | undefined;
  /** ARIN's message. */
  readonly arinMessage: string | undefined;
  /** Fields that failed validation. */
  readonly components: readonly ErrorComponent[];
  readonly additionalInfo: readonly string[];

  constructor(
    payload: ErrorPayload | undefined,
    details: Omit<ConstructorParameters<typeof HttpStatusError>[1], 'body'> & { operationId: string },
  ) {
    const components = payload?.components ?? [];
    const summary = payload?.code
      ? `${payload.code}: ${payload.message ?? ''}${components.length ? ` (${components.map((c) => `${c.name}: ${c.message}`).join('; ')})` : ''}`
      : `${details.status} ${details.statusText ?? ''}`.trim();
    super(`ARIN ${details.operationId} failed with ${details.status}: ${summary}`, {
      ...details,
      body: payload,
      bodyText: payload ? undefined : details.bodyText?.slice(0, 2000),
    });
    // ARIN may echo the request (and the key in its URL) in any of these
    this.code = payload?.code === undefined ? undefined : redact(payload.code);
    this.arinMessage = payload?.message === undefined ? undefined : redact(payload.message);
    this.components = redactDeep(components);
    this.additionalInfo = redactDeep(payload?.additionalInfo ?? []);
  }

  protected override details(): Record<string, unknown> {
    return {
      ...super.details(),
      code: this.code,
      components: this.components,
      additionalInfo: this.additionalInfo,
    };
  }
}
