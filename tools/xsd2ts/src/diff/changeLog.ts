import type { ApiName } from '../generate.js';
import type { Section, SpecChange } from './compareModels.js';

const TITLES: Record<Section, string> = {
  operations: 'Operations',
  payloads: 'Payload fields',
  enumerations: 'Enumerations',
  errors: 'Error codes and error responses',
  fields: 'Field catalogues',
};

/** Packages whose generated API a spec feeds. */
export const PACKAGES: Record<ApiName, string> = {
  arin: '@regkit/arin-client',
  helpdesk: '@regkit/helpdesk-client',
};

/** The change log of one API as Markdown: a section per kind of change, breaking ones marked. */
export function changeLog(api: ApiName, changes: readonly SpecChange[]): string {
  if (changes.length === 0) return `No API-level change to the ${api} spec.\n`;
  const breaking = changes.filter((c) => c.breaking).length;
  const lines = [
    `Spec changes (${api}): ${changes.length} API-level change${changes.length === 1 ? '' : 's'}` +
      `${breaking ? `, ${breaking} breaking` : ', none breaking'}.`,
  ];
  for (const section of Object.keys(TITLES) as Section[]) {
    const inSection = changes.filter((c) => c.section === section);
    if (inSection.length === 0) continue;
    lines.push('', `${TITLES[section]}:`, '');
    for (const c of inSection)
      lines.push(
        `- ${c.breaking ? '**breaking** ' : ''}${c.change} \`${c.subject}\`${c.detail ? `: ${c.detail}` : ''}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A changeset for the package of `api`: the change log as its summary, and the smallest bump the
 * changes need (for 0.x, the changesets convention: breaking is minor, additive is patch).
 */
export function changesetFor(api: ApiName, version: string, changes: readonly SpecChange[]): string {
  const breaking = changes.some((c) => c.breaking);
  const additive = changes.some((c) => c.change === 'added');
  const stable = Number(version.split('.')[0]) > 0;
  const bump = breaking ? (stable ? 'major' : 'minor') : additive && stable ? 'minor' : 'patch';
  return `---\n'${PACKAGES[api]}': ${bump}\n---\n\n${changeLog(api, changes)}`;
}
