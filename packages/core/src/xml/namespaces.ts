// Namespace binding while decoding: the prefixes in scope, and a qualified name's namespace URI.
import { decodeError, type Path } from './path.js';

/** Prefix (`''` for the default namespace) → namespace URI. */
export type Scope = ReadonlyMap<string, string>;

/** `scope` with the `xmlns` declarations of `attrs` added; `scope` itself when there are none. */
export function extendScope(scope: Scope, attrs: Record<string, string> | undefined): Scope {
  if (!attrs) return scope;
  let next: Map<string, string> | undefined;
  for (const name in attrs) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      next ??= new Map(scope);
      next.set(name === 'xmlns' ? '' : name.slice(6), attrs[name] ?? '');
    }
  }
  return next ?? scope;
}

/** Is this attribute a namespace declaration? */
export function isNamespaceDeclaration(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:');
}

/** The namespace `xml:` is bound to by definition (Namespaces in XML 1.0 §3), never declared. */
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/**
 * The namespace URI of `qname` in `scope` (its local name is `localOf(qname)`). An unprefixed
 * attribute has no namespace (an unprefixed element has the default one); an undeclared prefix is
 * a `DecodeError` at `path`.
 */
export function namespaceOf(qname: string, scope: Scope, path: Path, attribute = false): string {
  const colon = qname.indexOf(':');
  if (colon < 0) return attribute ? '' : (scope.get('') ?? '');
  const prefix = qname.slice(0, colon);
  const uri = prefix === 'xml' ? XML_NAMESPACE : scope.get(prefix);
  if (uri === undefined) throw decodeError(`undeclared namespace prefix '${prefix}'`, path);
  return uri;
}
