// The importer reports formats and layouts by id; staff see the clinical system's own names.
const formatNames: Record<string, string> = {
  emis: 'EMIS Web',
  systmone: 'SystmOne',
  generic: 'Other CSV/XLSX (columns matched by caption)',
  custom: 'Your own layout (columns mapped by you)'
}

// Layout ids are parts joined by "+", e.g. "events+flags".
const layoutNames: Record<string, string> = {
  events: 'coded events, one per row (date, code, value)',
  'wide-bp': 'blood pressure in columns',
  flags: 'register flag columns',
  patients: 'patient details only'
}

export function formatImportFormat(id: string): string {
  const name = formatNames[id.toLowerCase()]
  return name ?? id
}

export function formatImportLayout(id: string): string {
  return id
    .split('+')
    .map((part) => layoutNames[part.toLowerCase()] ?? part)
    .join('; ')
}
