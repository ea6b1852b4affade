/**
 * Gives the memory of buffers back at once. A large buffer that is dropped is freed only by V8's
 * next full collection, which in a long run may come long after; transferring it instead detaches
 * it (every view of it is left empty) and hands its memory to a copy that dies young, so the next
 * minor collection frees it. A view is released only when it spans its whole buffer, so a slice of
 * a shared buffer (Node's Buffer pool) is never touched; pass a buffer itself to release all its views.
 */
export function release(...items: (ArrayBufferLike | ArrayBufferView | undefined)[]): void {
  for (const item of items) {
    if (!item) continue;
    const buffer = ArrayBuffer.isView(item) ? item.buffer : item;
    const whole =
      !ArrayBuffer.isView(item) || (item.byteOffset === 0 && item.byteLength === buffer.byteLength);
    if (whole && buffer instanceof ArrayBuffer && buffer.byteLength >= MIN_BYTES)
      structuredClone(buffer, { transfer: [buffer] });
  }
}

/** Below this a buffer is not worth a transfer: the young generation frees it soon anyway. */
const MIN_BYTES = 64 * 1024;
