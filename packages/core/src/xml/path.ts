// Paths of decoded elements (`/poc/emails/email[1]`), written out only when an error needs one.
import { DecodeError } from '../errors.js';
import { tagOf, type XmlNode } from './parse.js';

/**
 * How a child's step is indexed: `name[n]` after n earlier siblings of the same local name (`name`
 * for the first), `name[n]` for the nth entry of a list or collection, or never (a line of a
 * multiline element, an attribute).
 */
type Indexing = 'byName' | 'byPosition' | 'none';

/** The local part of a qualified name. */
export const localOf = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/**
 * The path of the child at `index` of `siblings` under `parent`. Decoding makes one for each
 * element it descends into and writes it out (`String(path)`) only when an error needs it.
 */
export class ChildPath {
  private text: string | undefined;
  constructor(
    private readonly parent: Path,
    private readonly siblings: readonly XmlNode[],
    private readonly index: number,
    private readonly local: string,
    private readonly indexing: Indexing,
  ) {}

  toString(): string {
    if (this.text === undefined) {
      let step = this.local;
      if (this.indexing === 'byPosition') step += `[${this.index}]`;
      else if (this.indexing === 'byName') {
        let n = 0;
        for (let i = 0; i < this.index; i++) {
          const tag = tagOf(this.siblings[i] as XmlNode);
          if (tag !== undefined && localOf(tag) === this.local) n++;
        }
        if (n) step += `[${n}]`;
      }
      this.text = `${String(this.parent)}/${step}`;
    }
    return this.text;
  }
}

const NO_SIBLINGS: readonly XmlNode[] = [];

/** A path as text, or as a child of one still to be written out. */
export type Path = string | ChildPath;

/** The child at `index` of `siblings`, indexed when an earlier sibling has its local name. */
export const childPath = (
  parent: Path,
  siblings: readonly XmlNode[],
  index: number,
  local: string,
): ChildPath => new ChildPath(parent, siblings, index, local, 'byName');

/** The `n`th entry of a list, indexed by its position. */
export const entryPath = (parent: Path, local: string, n: number): ChildPath =>
  new ChildPath(parent, NO_SIBLINGS, n, local, 'byPosition');

/** A step never indexed: a line of a multiline element, an attribute (`@name`). */
export const plainPath = (parent: Path, local: string): ChildPath =>
  new ChildPath(parent, NO_SIBLINGS, 0, local, 'none');

/** A `DecodeError` at `path`. */
export const decodeError = (message: string, path: Path): DecodeError =>
  new DecodeError(message, String(path));
