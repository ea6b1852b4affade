import { SingleBar } from 'cli-progress';
import type { Io } from './output.js';

export interface Progress {
  tick(label: string): void;
  stop(): void;
}

/** A progress bar on a terminal; one line per finished item when the output is not a terminal. */
export function createProgress(io: Io, total: number, enabled: boolean): Progress {
  if (!enabled) return { tick() {}, stop() {} };
  if (io.stderr.isTTY) {
    const bar = new SingleBar({
      format: 'SWIP [{bar}] {value}/{total} {label}',
      stream: io.stderr as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: false,
    });
    bar.start(total, 0, { label: '' });
    return {
      tick: (label) => bar.increment(1, { label }),
      stop: () => bar.stop(),
    };
  }
  let done = 0;
  return {
    tick: (label) => {
      done++;
      io.stderr.write(`[${done}/${total}] ${label}\n`);
    },
    stop() {},
  };
}
