/** `iso3166-1` → `iso31661`, `pocHandle` stays, `ticket_type` → `ticketType`. */
export function camelCase(name: string): string {
  const parts = name.split(/[-_\s.]+/).filter(Boolean);
  return parts
    .map((p, i) =>
      i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1),
    )
    .join('');
}

export function pascalCase(name: string): string {
  const camel = camelCase(name);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}
