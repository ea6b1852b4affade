import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** What is known about one block after a run; the key is the canonical CIDR block. */
export interface SwipBlockState {
  outcome: 'reassigned' | 'ticketed' | 'customer-created' | 'failed';
  customerHandle?: string;
  netHandle?: string;
  ticketNo?: string;
  error?: string;
  at: string;
}

interface SwipStateFile {
  format: 'regkit-swip-state/1';
  parentNetHandle: string;
  blocks: Record<string, SwipBlockState>;
}

/**
 * The record that makes a re-run safe: blocks already reassigned (or turned into a ticket) are
 * skipped, and a customer created by a run whose reassignment failed is reused, not created twice.
 * Written after every row with write-then-rename, so an interrupted run loses nothing.
 */
export class SwipState {
  private readonly data: SwipStateFile;

  private constructor(
    private readonly path: string,
    data: SwipStateFile,
  ) {
    this.data = data;
  }

  static open(path: string, parentNetHandle: string): SwipState {
    if (!existsSync(path))
      return new SwipState(path, { format: 'regkit-swip-state/1', parentNetHandle, blocks: {} });
    let data: SwipStateFile;
    try {
      data = JSON.parse(readFileSync(path, 'utf8')) as SwipStateFile;
    } catch (err) {
      throw new Error(
        `The state file ${path} is not valid JSON (${(err as Error).message}); move it away to start over.`,
      );
    }
    if (data.format !== 'regkit-swip-state/1' || typeof data.blocks !== 'object') {
      throw new Error(`The state file ${path} was not written by regkit swip; move it away to start over.`);
    }
    if (data.parentNetHandle !== parentNetHandle) {
      throw new Error(
        `The state file ${path} belongs to parent net ${data.parentNetHandle}, not ${parentNetHandle}; use --state to choose another file.`,
      );
    }
    return new SwipState(path, data);
  }

  get(block: string): SwipBlockState | undefined {
    return this.data.blocks[block];
  }

  isDone(block: string): boolean {
    const outcome = this.data.blocks[block]?.outcome;
    return outcome === 'reassigned' || outcome === 'ticketed';
  }

  record(block: string, state: Omit<SwipBlockState, 'at'>, persist: boolean): void {
    this.data.blocks[block] = { ...state, at: new Date().toISOString() };
    if (!persist) return;
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 2) + '\n');
    renameSync(tmp, this.path);
  }
}
