const decoder = new TextDecoder();

/** What a buffered response keeps of the response it was read from. */
export type ResponseHead = Pick<Response, 'status' | 'headers' | 'statusText' | 'url'>;

/**
 * A response whose body was read whole by the transport (under the attempt's time limit and the
 * size limit). It behaves as a `Response`; the body is kept as bytes and a stream is made only if
 * `body` is asked for.
 */
export class BufferedResponse implements Response {
  readonly status: number;
  #bytes: Uint8Array<ArrayBuffer> | null;
  #used = false;
  #headers: Headers | undefined;
  // headers, statusText and url are read from the original only when asked for: the platform builds
  // statusText and url on each read, and an exchange may build its Headers only when asked (undici's)
  readonly #from: ResponseHead;

  constructor(bytes: Uint8Array<ArrayBuffer> | null, from: ResponseHead) {
    this.#bytes = bytes;
    this.#from = from;
    this.status = from.status;
  }

  get headers(): Headers {
    return (this.#headers ??= this.#from.headers);
  }

  get statusText(): string {
    return this.#from.statusText;
  }

  get url(): string {
    return this.#from.url;
  }

  get redirected(): boolean {
    return false;
  }

  get type(): Response['type'] {
    return 'basic';
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#bytes === null) return null;
    const bytes = this.#take();
    return new ReadableStream({
      start(controller) {
        if (bytes.byteLength) controller.enqueue(bytes);
        controller.close();
      },
    });
  }

  #take(): Uint8Array<ArrayBuffer> {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#bytes ?? new Uint8Array(0);
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#take();
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  async text(): Promise<string> {
    return decoder.decode(this.#take());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    return new Blob([this.#take()], { type: this.headers.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    return new Response(this.#take(), { headers: this.headers }).formData();
  }

  clone(): Response {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed');
    return new BufferedResponse(this.#bytes, this);
  }
}
