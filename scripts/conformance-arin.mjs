#!/usr/bin/env node
// Validates regkit's ARIN XML against ARIN's own RelaxNG schemas with jing:
// every example in schemas/arin/examples and every XML body the test suites wrote
// (.reports/arin-responses: what the mock answered; .reports/arin-requests: what the client sent),
// against each schema set given (ARIN has published more than one; schemas/arin/README.md says
// where they differ). Usage: npm run conformance:arin -- <dir with ARIN's .rnc files>...
// Prints a line per set, then `N passed, N failed` over all, and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { repoRoot } from './lib/workspaces.mjs';

const setDirs = process.argv.slice(2).map((d) => resolve(d));
if (!setDirs.length || setDirs.some((d) => !existsSync(join(d, 'PocPayload.rnc')))) {
  console.error("usage: npm run conformance:arin -- <directory holding ARIN's RelaxNG (.rnc) schemas>...");
  process.exit(2);
}

const CORE = 'http://www.arin.net/regrws/core/v1';
const schemaFor = {
  poc: 'PocPayload.rnc',
  phone: 'PhonePayload.rnc',
  org: 'OrgPayload.rnc',
  customer: 'CustomerPayload.rnc',
  net: 'NetPayload.rnc',
  netBlock: 'NetBlockPayload.rnc',
  pocLinkRef: 'NetPayload.rnc',
  delegation: 'DelegationPayload.rnc',
  delegationKey: 'DelegationPayload.rnc',
  nameserver: 'DelegationPayload.rnc',
  ticket: 'TicketPayload.rnc',
  message: 'MessagePayload.rnc',
  attachment: 'AttachmentPayload.rnc',
  attachmentReference: 'AttachmentReferencePayload.rnc',
  messageReference: 'MessageReferencePayload.rnc',
  ticketedRequest: 'TicketedRequestPayload.rnc',
  error: 'ErrorPayload.rnc',
  component: 'ErrorPayload.rnc',
  collection: 'PayloadList.rnc',
  roa: 'RoaPayload.rnc',
  roaSpec: 'RoaSpecPayload.rnc',
  roaSpecResource: 'RoaSpecPayload.rnc',
  // IRR payloads: only the 2026 set has schemas for them.
  route: 'RoutePayload.rnc',
  autnum: 'AutnumPayload.rnc',
  asSet: 'AsSetPayload.rnc',
  routeSet: 'RouteSetPayload.rnc',
  // CountryPayload.rnc cannot be a start pattern on its own (its start is optional): a country is
  // validated inside a customer document instead.
  'iso3166-1': 'CustomerPayload.rnc',
};
// Documented by ARIN but missing from its RelaxNG: removed before validating. acceptReassignments
// (org) is in the Reg-RWS guide; autoLink and autoLinked (roaSpec) are in the RPKI guide of 2026,
// newer than RoaSpecPayload.rnc.
const documentedExtras = [
  /<(\w+:)?acceptReassignments>[^<]*<\/(\w+:)?acceptReassignments>/g,
  /<(\w+:)?(autoLinked?|autoRenewed)>[^<]*<\/(\w+:)?(autoLinked?|autoRenewed)>/g,
  // the route's auto-linked ROA, in ARIN's IRR guide but not in RoutePayload.rnc
  /<(\w+:)?autoLinkedRoaHandle>[^<]*<\/(\w+:)?autoLinkedRoaHandle>/g,
];
/** A generic "any content" pattern, for a set whose foreignElements.rnc refers to a missing anything.rnc. */
const ANYTHING_RNC = 'start = anything\nanything = (element * { anything } | attribute * { text } | text)*\n';

const files = [];
const addDir = (dir) => {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.xml')) files.push(join(dir, f));
};
addDir(join(repoRoot, 'schemas/arin/examples'));
addDir(join(repoRoot, '.reports/arin-responses'));
addDir(join(repoRoot, '.reports/arin-requests'));

const work = mkdtempSync(join(tmpdir(), 'regkit-rnc-'));
let passed = 0;
let failed = 0;
let skipped = 0;
/** The schema set being checked: its scratch copy, and the members its PayloadList admits. */
let rncDir = '';
let listMembers = new Set();
/** Roots the set has no schema for (counted, not failed): ARIN published none for them. */
let withoutArinSchema = new Set();
const jing = (rnc, file) => spawnSync('jing', ['-c', join(rncDir, rnc), file], { encoding: 'utf8' });

function rootOf(xml) {
  const m = /<(?:([\w.-]+):)?([\w.-]+)[\s/>]/.exec(xml.replace(/<\?xml[^>]*\?>/, '').trimStart());
  return m?.[2];
}

function check(label, xml) {
  const root = rootOf(xml);
  const rnc = schemaFor[root];
  if (withoutArinSchema.has(root) || (rnc && !existsSync(join(rncDir, rnc)))) {
    skipped++;
    return;
  }
  if (!rnc) {
    failed++;
    console.log(`✘ ${label}: no ARIN schema for root <${root}>`);
    return;
  }
  let text = xml;
  for (const pattern of documentedExtras) text = text.replace(pattern, '');
  if (root === 'collection' && !/<(\w+:)?collection[^>]*\/>\s*$/.test(text.trim())) {
    const members = [...text.matchAll(/<(?:(\w+):)?(\w+)[\s>/]/g)].map((m) => m[2]);
    const first = members[1];
    if (first && !listMembers.has(first)) {
      // Validate each member as a document of its own, with the root's namespace declarations.
      const decls = (/<(?:\w+:)?collection([^>]*)>/.exec(text)?.[1] ?? '').replace(/\/$/, '');
      const body = text
        .replace(/^[\s\S]*?<(?:\w+:)?collection[^>]*>/, '')
        .replace(/<\/(?:\w+:)?collection>\s*$/, '');
      const parts = splitTopLevel(body);
      parts.forEach((part, i) =>
        check(`${label} [member ${i}]`, part.replace(/^<([\w:.-]+)/, `<$1${decls}`)),
      );
      return;
    }
  }
  if (root === 'iso3166-1') {
    const decls = /<(?:\w+:)?iso3166-1([^>]*)>/.exec(text)?.[1] ?? '';
    text = `<customer xmlns="${CORE}"${decls.replace(/\sxmlns="[^"]*"/, '')}>${text.replace(/<\?xml[^>]*\?>/, '')}</customer>`;
  }
  const file = join(work, 'doc.xml');
  writeFileSync(file, text);
  const res = jing(rnc, file);
  if (res.status === 0) {
    passed++;
  } else {
    failed++;
    console.log(`✘ ${label} (${rnc})\n${(res.stdout + res.stderr).replace(new RegExp(file, 'g'), label)}`);
  }
}

function splitTopLevel(body) {
  const parts = [];
  let depth = 0;
  let start = -1;
  for (const m of body.matchAll(/<(\/?)[\w:.-]+(?:\s[^>]*)?>/g)) {
    if (m[1]) {
      depth--;
      if (depth === 0) parts.push(body.slice(start, m.index + m[0].length));
    } else if (m[0].endsWith('/>')) {
      if (depth === 0) parts.push(m[0]);
    } else {
      if (depth === 0) start = m.index;
      depth++;
    }
  }
  return parts;
}

let totalPassed = 0;
let totalFailed = 0;
for (const [n, dir] of setDirs.entries()) {
  // A scratch copy: a set that refers to a file it does not ship (anything.rnc) gets the generic one.
  rncDir = join(work, `set-${n}`);
  cpSync(dir, rncDir, { recursive: true });
  if (!existsSync(join(rncDir, 'utils/anything.rnc'))) {
    mkdirSync(join(rncDir, 'utils'), { recursive: true });
    writeFileSync(join(rncDir, 'utils/anything.rnc'), ANYTHING_RNC);
  }
  const list = /element collection \{\s*\(([^)]*)\)\*/.exec(
    readFileSync(join(rncDir, 'PayloadList.rnc'), 'utf8'),
  );
  listMembers = new Set((list?.[1] ?? '').split('|').map((m) => m.trim()));
  // rpkiTransaction has no ARIN schema in any set (TransactionPayload.rnc is another, core/v1 element);
  // nor have ASPA records and the members of ARIN's IRR lists: they are checked against our XSD only.
  withoutArinSchema = new Set([
    'rpkiTransaction',
    'aspa',
    'routeRef',
    'autNumRef',
    'asSetRef',
    'routeSetRef',
  ]);
  passed = failed = skipped = 0;
  for (const file of files) check(file.slice(repoRoot.length + 1), readFileSync(file, 'utf8'));
  console.log(
    `ARIN RelaxNG conformance (${basename(dir)}): ${files.length} documents, ${passed} passed, ${failed} failed, ${skipped} without an ARIN schema in this set`,
  );
  totalPassed += passed;
  totalFailed += failed;
}
rmSync(work, { recursive: true, force: true });
console.log(`${totalPassed} passed, ${totalFailed} failed`);
process.exit(totalFailed === 0 ? 0 : 1);
