#!/usr/bin/env node
// Validates regkit's ARIN XML against ARIN's own RelaxNG schemas with jing:
// every example in schemas/arin/examples and every response body the mock server produced in the
// test suites (.reports/arin-responses: what the mock answered; .reports/arin-requests: what the
// client sent). Usage: npm run conformance:arin -- <dir with ARIN's .rnc files>
// Prints `N passed, N failed` and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from './lib/workspaces.mjs';

const rncDir = resolve(process.argv[2] ?? '');
if (!process.argv[2] || !existsSync(join(rncDir, 'PocPayload.rnc'))) {
  console.error("usage: npm run conformance:arin -- <directory holding ARIN's RelaxNG (.rnc) schemas>");
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
  route: 'RoutePayload.rnc',
  autnum: 'AutnumPayload.rnc',
  asSet: 'AsSetPayload.rnc',
  routeSet: 'RouteSetPayload.rnc',
  // CountryPayload.rnc cannot be a start pattern on its own (its start is optional): a country is
  // validated inside a customer document instead.
  'iso3166-1': 'CustomerPayload.rnc',
};
// ARIN publishes no RelaxNG for its RPKI payloads (ASPA included) nor for the members of its IRR
// lists: they are checked against our XSD only.
const withoutArinSchema = new Set([
  'roa',
  'roaSpec',
  'rpkiTransaction',
  'aspa',
  'routeRef',
  'autNumRef',
  'asSetRef',
  'routeSetRef',
]);
let skipped = 0;
// ARIN's copy of PayloadList.rnc admits only phone and net; other collections are checked member by member.
const listMembers = new Set(['phone', 'net']);
// Documented by ARIN but missing from its RelaxNG copy: removed before validating.
const documentedExtras = [
  /<(\w+:)?acceptReassignments>[^<]*<\/(\w+:)?acceptReassignments>/g,
  // the route's auto-linked ROA, in ARIN's IRR guide but not in RoutePayload.rnc
  /<(\w+:)?autoLinkedRoaHandle>[^<]*<\/(\w+:)?autoLinkedRoaHandle>/g,
];

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
const jing = (rnc, file) => spawnSync('jing', ['-c', join(rncDir, rnc), file], { encoding: 'utf8' });

function rootOf(xml) {
  const m = /<(?:([\w.-]+):)?([\w.-]+)[\s/>]/.exec(xml.replace(/<\?xml[^>]*\?>/, '').trimStart());
  return m?.[2];
}

function check(label, xml) {
  const root = rootOf(xml);
  const rnc = schemaFor[root];
  if (withoutArinSchema.has(root)) {
    skipped++;
    return;
  }
  if (!rnc) {
    failed++;
    console.log(`✘ ${label}: no ARIN schema for root <${root}>`);
    return;
  }
  // the IRR payload schemas are only in ARIN's 2026 set; an older set has none to check against
  if (!existsSync(join(rncDir, rnc))) {
    skipped++;
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

for (const file of files) check(file.slice(repoRoot.length + 1), readFileSync(file, 'utf8'));
rmSync(work, { recursive: true, force: true });
console.log(`ARIN RelaxNG conformance: ${files.length} documents`);
console.log(`${passed} passed, ${failed} failed, ${skipped} without an ARIN schema (RPKI)`);
process.exit(failed === 0 ? 0 : 1);
