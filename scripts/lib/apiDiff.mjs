// Classifies the difference between two API Extractor reports of a package as a semver change.
// Both reports are parsed with the TypeScript compiler and compared declaration by declaration:
//   major: a removed or changed export or member, a narrowed type, a new required member or parameter
//   minor: an added export, optional member, optional parameter or union member
//   patch: no change to the public API (documentation and comments do not count)
// Whether a type is read or written by users is unknown here, so every change that could break
// one of them counts as major.
import ts from 'typescript';

export const LEVELS = ['patch', 'minor', 'major'];
export const rank = (level) => LEVELS.indexOf(level);

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** The TypeScript code block of an `*.api.md` report. */
export function reportCode(report) {
  const open = report.indexOf('```ts\n');
  const close = report.lastIndexOf('\n```');
  if (open < 0 || close <= open) throw new Error('not an API Extractor report: no ```ts code block');
  return report.slice(open + 6, close);
}

function parse(report) {
  return ts.createSourceFile('report.d.ts', reportCode(report), ts.ScriptTarget.Latest, true);
}

function text(node, sf) {
  if (!node) return '';
  return printer.printNode(ts.EmitHint.Unspecified, node, sf).replace(/\s+/g, ' ').trim();
}

function short(s) {
  return s.length > 90 ? `${s.slice(0, 87)}…` : s;
}

function hasModifier(node, kind) {
  return (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []).some((m) => m.kind === kind);
}

function modifiers(node) {
  return (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : [])
    .filter((m) => m.kind !== ts.SyntaxKind.ExportKeyword && m.kind !== ts.SyntaxKind.DeclareKeyword)
    .map((m) => ts.tokenToString(m.kind))
    .join(' ');
}

const KIND_NAMES = {
  [ts.SyntaxKind.FunctionDeclaration]: 'function',
  [ts.SyntaxKind.ClassDeclaration]: 'class',
  [ts.SyntaxKind.InterfaceDeclaration]: 'interface',
  [ts.SyntaxKind.TypeAliasDeclaration]: 'type',
  [ts.SyntaxKind.EnumDeclaration]: 'enum',
  [ts.SyntaxKind.ModuleDeclaration]: 'namespace',
  [ts.SyntaxKind.VariableDeclaration]: 'const',
};

/** Top-level declarations by name; overloads of a function share one entry. */
function declarations(statements) {
  const byName = new Map();
  const add = (name, node, exported) => {
    const entry = byName.get(name) ?? { name, nodes: [], exported };
    entry.nodes.push(node);
    entry.exported ||= exported;
    byName.set(name, entry);
  };
  for (const st of statements) {
    const exported = hasModifier(st, ts.SyntaxKind.ExportKeyword);
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) add(d.name.getText(), d, exported);
    } else if (ts.isExportDeclaration(st) || ts.isExportAssignment(st)) {
      add(`export ${st.getText()}`, st, true);
    } else if (st.name && KIND_NAMES[st.kind]) {
      add(st.name.getText(), st, exported);
    }
  }
  return byName;
}

function memberKey(m) {
  if (ts.isConstructorDeclaration(m)) return 'constructor';
  if (ts.isConstructSignatureDeclaration(m)) return 'new()';
  if (ts.isCallSignatureDeclaration(m)) return '()';
  if (ts.isIndexSignatureDeclaration(m)) return `[${m.parameters.map((p) => p.type?.getText()).join()}]`;
  const prefix = ts.isGetAccessor(m) ? 'get ' : ts.isSetAccessor(m) ? 'set ' : '';
  return `${prefix}${m.name?.getText() ?? m.getText()}`;
}

function isOptionalType(type) {
  if (!type) return false;
  if (type.kind === ts.SyntaxKind.UndefinedKeyword || type.kind === ts.SyntaxKind.AnyKeyword) return true;
  return ts.isUnionTypeNode(type) && type.types.some(isOptionalType);
}

const isOptionalMember = (m) => Boolean(m.questionToken) || isOptionalType(m.type);

class Comparison {
  constructor(beforeSf, afterSf) {
    this.a = beforeSf;
    this.b = afterSf;
    this.changes = [];
  }

  add(level, symbol, what) {
    this.changes.push({ level, symbol, what });
  }

  statements(before, after, prefix = '') {
    const old = declarations(before);
    const now = declarations(after);
    for (const [name, entry] of old) {
      const symbol = `${prefix}${name}`;
      const next = now.get(name);
      if (!next) {
        if (entry.exported) this.add('major', symbol, `removed (${KIND_NAMES[entry.nodes[0].kind]})`);
        continue;
      }
      if (entry.exported && !next.exported) this.add('major', symbol, 'no longer exported');
      this.declaration(entry.nodes, next.nodes, symbol);
    }
    for (const [name, entry] of now) {
      if (!old.has(name) && entry.exported)
        this.add('minor', `${prefix}${name}`, `added (${KIND_NAMES[entry.nodes[0].kind] ?? 'export'})`);
    }
  }

  declaration(oldNodes, newNodes, symbol) {
    const [x, y] = [oldNodes[0], newNodes[0]];
    if (x.kind !== y.kind) {
      this.add('major', symbol, `changed from ${KIND_NAMES[x.kind]} to ${KIND_NAMES[y.kind]}`);
      return;
    }
    if (ts.isFunctionDeclaration(x)) return this.signatures(oldNodes, newNodes, symbol);
    if (oldNodes.length > 1 || newNodes.length > 1) return this.same(x, y, symbol);
    if (modifiers(x) !== modifiers(y))
      return this.add('major', symbol, `modifiers changed: '${modifiers(x)}' → '${modifiers(y)}'`);
    const tp = (n) => (n.typeParameters ?? []).map((p) => text(p, n.getSourceFile())).join(', ');
    if (tp(x) !== tp(y)) return this.add('major', symbol, `type parameters changed: <${tp(x)}> → <${tp(y)}>`);
    if (ts.isInterfaceDeclaration(x) || ts.isClassDeclaration(x)) {
      const heritage = (n) => (n.heritageClauses ?? []).map((h) => text(h, n.getSourceFile())).join(' ');
      if (heritage(x) !== heritage(y))
        this.add('major', symbol, `heritage changed: '${heritage(x)}' → '${heritage(y)}'`);
      return this.members(x.members, y.members, symbol, ts.isClassDeclaration(x));
    }
    if (ts.isTypeAliasDeclaration(x) || ts.isVariableDeclaration(x)) return this.type(x.type, y.type, symbol);
    if (ts.isEnumDeclaration(x)) return this.enumMembers(x, y, symbol);
    if (ts.isModuleDeclaration(x) && x.body && y.body && ts.isModuleBlock(x.body) && ts.isModuleBlock(y.body))
      return this.statements(x.body.statements, y.body.statements, `${symbol}.`);
    return this.same(x, y, symbol);
  }

  same(x, y, symbol) {
    const [tx, ty] = [text(x, this.a), text(y, this.b)];
    if (tx !== ty) this.add('major', symbol, `changed: ${short(tx)} → ${short(ty)}`);
  }

  enumMembers(x, y, symbol) {
    const values = (e, sf) => new Map(e.members.map((m) => [m.name.getText(), text(m.initializer, sf)]));
    const [old, now] = [values(x, this.a), values(y, this.b)];
    for (const [name, value] of old) {
      if (!now.has(name)) this.add('major', `${symbol}.${name}`, 'removed');
      else if (now.get(name) !== value) this.add('major', `${symbol}.${name}`, 'value changed');
    }
    for (const name of now.keys()) if (!old.has(name)) this.add('minor', `${symbol}.${name}`, 'added');
  }

  members(before, after, symbol, isClass) {
    const group = (list) => {
      const map = new Map();
      for (const m of list) map.set(memberKey(m), [...(map.get(memberKey(m)) ?? []), m]);
      return map;
    };
    const [old, now] = [group(before), group(after)];
    for (const [key, xs] of old) {
      const ys = now.get(key);
      const member = `${symbol}.${key}`;
      if (!ys) {
        this.add('major', member, 'removed');
        continue;
      }
      const [x, y] = [xs[0], ys[0]];
      if (x.kind !== y.kind) this.add('major', member, 'changed kind');
      else if (
        ts.isMethodSignature(x) ||
        ts.isMethodDeclaration(x) ||
        ts.isConstructorDeclaration(x) ||
        ts.isCallSignatureDeclaration(x) ||
        ts.isConstructSignatureDeclaration(x)
      )
        this.signatures(xs, ys, member);
      else if (xs.length > 1 || ys.length > 1) this.same(x, y, member);
      else {
        if (modifiers(x) !== modifiers(y))
          this.add('major', member, `modifiers changed: '${modifiers(x)}' → '${modifiers(y)}'`);
        if (Boolean(x.questionToken) !== Boolean(y.questionToken))
          this.add('major', member, y.questionToken ? 'now optional' : 'now required');
        if ('type' in x) this.type(x.type, y.type, member);
        else this.same(x, y, member);
      }
    }
    for (const [key, ys] of now) {
      if (old.has(key)) continue;
      const optional = isClass || ys.every(isOptionalMember);
      this.add(optional ? 'minor' : 'major', `${symbol}.${key}`, optional ? 'added' : 'new required member');
    }
  }

  signatures(oldNodes, newNodes, symbol) {
    if (oldNodes.length === 1 && newNodes.length === 1)
      return this.signature(oldNodes[0], newNodes[0], symbol);
    const [old, now] = [
      new Set(oldNodes.map((n) => text(n, this.a))),
      new Set(newNodes.map((n) => text(n, this.b))),
    ];
    for (const s of old) if (!now.has(s)) this.add('major', symbol, `overload removed: ${short(s)}`);
    for (const s of now) if (!old.has(s)) this.add('minor', symbol, `overload added: ${short(s)}`);
  }

  signature(x, y, symbol) {
    const tp = (n, sf) => (n.typeParameters ?? []).map((p) => text(p, sf)).join(', ');
    if (tp(x, this.a) !== tp(y, this.b))
      this.add('major', symbol, `type parameters changed: <${tp(x, this.a)}> → <${tp(y, this.b)}>`);
    const [ps, qs] = [x.parameters, y.parameters];
    const optional = (p) => Boolean(p.questionToken || p.initializer || p.dotDotDotToken);
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      const q = qs[i];
      const where = `${symbol}(${p.name.getText()})`;
      if (!q) this.add('major', where, 'parameter removed');
      else if (Boolean(p.dotDotDotToken) !== Boolean(q.dotDotDotToken))
        this.add('major', where, 'rest changed');
      else {
        if (optional(p) && !optional(q)) this.add('major', where, 'parameter now required');
        this.type(p.type, q.type, where);
      }
    }
    for (const q of qs.slice(ps.length)) {
      const where = `${symbol}(${q.name.getText()})`;
      if (optional(q)) this.add('minor', where, 'optional parameter added');
      else this.add('major', where, 'new required parameter');
    }
    this.type(x.type, y.type, `${symbol}: return`);
  }

  type(x, y, symbol) {
    const [tx, ty] = [text(x, this.a), text(y, this.b)];
    if (tx === ty) return;
    if (!x || !y) return this.add('major', symbol, `type changed: ${short(tx)} → ${short(ty)}`);
    if (ts.isParenthesizedTypeNode(x) || ts.isParenthesizedTypeNode(y))
      return this.type(
        ts.isParenthesizedTypeNode(x) ? x.type : x,
        ts.isParenthesizedTypeNode(y) ? y.type : y,
        symbol,
      );
    if (ts.isUnionTypeNode(x) || ts.isUnionTypeNode(y)) return this.union(x, y, symbol);
    if (ts.isTypeLiteralNode(x) && ts.isTypeLiteralNode(y))
      return this.members(x.members, y.members, symbol, false);
    if (ts.isArrayTypeNode(x) && ts.isArrayTypeNode(y))
      return this.type(x.elementType, y.elementType, `${symbol}[]`);
    if (ts.isTypeOperatorNode(x) && ts.isTypeOperatorNode(y) && x.operator === y.operator)
      return this.type(x.type, y.type, symbol);
    if (ts.isFunctionTypeNode(x) && ts.isFunctionTypeNode(y)) return this.signature(x, y, symbol);
    if (
      ts.isTypeReferenceNode(x) &&
      ts.isTypeReferenceNode(y) &&
      text(x.typeName, this.a) === text(y.typeName, this.b) &&
      (x.typeArguments?.length ?? 0) === (y.typeArguments?.length ?? 0)
    ) {
      x.typeArguments?.forEach((arg, i) => this.type(arg, y.typeArguments[i], `${symbol}<${i}>`));
      return;
    }
    this.add('major', symbol, `type changed: ${short(tx)} → ${short(ty)}`);
  }

  union(x, y, symbol) {
    const members = (n, sf) => (ts.isUnionTypeNode(n) ? n.types : [n]).map((t) => text(t, sf));
    const [old, now] = [members(x, this.a), members(y, this.b)];
    const removed = old.filter((t) => !now.includes(t));
    const added = now.filter((t) => !old.includes(t));
    if (removed.length) this.add('major', symbol, `narrowed: no longer ${short(removed.join(' | '))}`);
    else if (added.length) this.add('minor', symbol, `widened: also ${short(added.join(' | '))}`);
  }
}

/** The semver level of the change from one report to the next, with every change that sets it. */
export function compareReports(before, after) {
  const [a, b] = [parse(before), parse(after)];
  const comparison = new Comparison(a, b);
  comparison.statements(a.statements, b.statements);
  const level = comparison.changes.reduce((max, c) => (rank(c.level) > rank(max) ? c.level : max), 'patch');
  return { level, changes: comparison.changes };
}
