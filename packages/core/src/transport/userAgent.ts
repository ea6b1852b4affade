// The User-Agent a transport sends unless told otherwise.
import { version } from '../version.gen.js';

/**
 * `<product>/<version>` followed by `node/<version>` under Node, Deno and Bun, or by nothing in a
 * browser (which sends its own); reads no file, so bundles need no package.json.
 */
export function userAgentOf(product: string, productVersion: string): string {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return node === undefined ? `${product}/${productVersion}` : `${product}/${productVersion} node/${node}`;
}
/** `regkit-core/<version> node/<version>`. */
export const DEFAULT_USER_AGENT: string = userAgentOf('regkit-core', version);
