import { HttpStatusError, redact } from '@regkit/core';

/** The helpdesk answered with an error status. `serverMessage` is its own text. */
export class HelpdeskApiError extends HttpStatusError {
  static override readonly brand: symbol = Symbol.for('regkit.error.HelpdeskApiError');
  /** The server's message (`Message`, or `error_description` of the token call). */
  readonly serverMessage: string | undefined;
  /** OAuth error code of the token call (`invalid_grant`). */
  readonly oauthError: string | undefined;

  constructor(
    body: unknown,
    details: Omit<ConstructorParameters<typeof HttpStatusError>[1], 'body'> & { operationId: string },
  ) {
    const b = (typeof body === 'object' && body !== null ? body : {}) as {
      Message?: unknown;
      error?: unknown;
      error_description?: unknown;
    };
    const serverMessage =
      typeof b.Message === 'string'
        ? b.Message
        : typeof b.error_description === 'string'
          ? b.error_description
          : undefined;
    const oauthError = typeof b.error === 'string' ? b.error : undefined;
    super(
      `Helpdesk ${details.operationId} failed with ${details.status}${oauthError ? ` ${oauthError}` : ''}${serverMessage ? `: ${serverMessage}` : ''}`,
      { ...details, body, bodyText: body === undefined ? details.bodyText?.slice(0, 2000) : undefined },
    );
    this.serverMessage = serverMessage === undefined ? undefined : redact(serverMessage);
    this.oauthError = oauthError === undefined ? undefined : redact(oauthError);
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), serverMessage: this.serverMessage, oauthError: this.oauthError };
  }
}
