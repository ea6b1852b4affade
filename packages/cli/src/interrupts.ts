/** Who handles Ctrl-C (SIGINT) and SIGTERM while a long command runs; the CLI exits at once otherwise. */
type Handler = (signal: NodeJS.Signals) => void;

let current: Handler | undefined;

/** Takes over interrupts until the returned function is called. */
export function onInterrupt(handler: Handler): () => void {
  current = handler;
  return () => {
    if (current === handler) current = undefined;
  };
}

/** Passes an interrupt to the command that took them over; false when none did. */
export function dispatchInterrupt(signal: NodeJS.Signals): boolean {
  if (!current) return false;
  current(signal);
  return true;
}
