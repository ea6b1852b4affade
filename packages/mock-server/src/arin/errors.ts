import type { ErrorComponent } from '@regkit/arin-client/payloads';

/** A rule failure, answered with ARIN's ErrorPayload. */
export class ArinRuleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly components: readonly ErrorComponent[] = [],
    /** Headers of the answer (`Allow` of a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ArinRuleError';
  }
}

export const INVALID_KEY = 'The API key specified was missing or invalid.';
export const ENTITY_FAILED = 'Payload entity failed to validate; see component messages for details.';

export const notFound = (what: string, handle: string) =>
  new ArinRuleError(404, 'E_OBJECT_NOT_FOUND', `The ${what} ${handle} was not found.`);
export const invalidKey = () => new ArinRuleError(400, 'E_AUTHENTICATION', INVALID_KEY);
export const forbidden = (message: string) => new ArinRuleError(403, 'E_AUTHENTICATION', message);

/** Collects component errors; throws one E_ENTITY_VALIDATION when any were found. */
export class Problems {
  readonly components: ErrorComponent[] = [];
  add(name: string, message: string): this {
    this.components.push({ name, message });
    return this;
  }
  get any(): boolean {
    return this.components.length > 0;
  }
  throwIfAny(status = 400): void {
    if (this.any) throw this.error(status);
  }
  /** The E_ENTITY_VALIDATION error of the problems found. */
  error(status = 400): ArinRuleError {
    return new ArinRuleError(status, 'E_ENTITY_VALIDATION', ENTITY_FAILED, this.components);
  }
}
