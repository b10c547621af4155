// A small EMIS-style export for the patient search tests (integration, CLI, browser): names with
// accents, apostrophes, hyphens and letters of their own, postcodes typed every way, one patient who
// has died, and a crowd of SMITHs to fill more than one page of results. Each named patient is on
// the hypertension register with a raised reading, so a cohort build lists them.
import { csvLines, validNhsNumber } from './export-text'

export interface SearchPracticePatient {
  nhsNumber: string
  title: string
  given: string
  family: string
  /** As the export prints it: 02-Dec-1960. */
  dob: string
  postcode: string
  status: string
}

export const searchPatients = {
  zoe: { nhsNumber: '9434765919', title: 'Ms', given: 'Zoë', family: 'GARCÍA', dob: '02-Dec-1960', postcode: 'SW1A 1AA', status: 'Regular' },
  sean: { nhsNumber: '9434765870', title: 'Mr', given: 'Seán', family: "O'BRIEN", dob: '15-Mar-1948', postcode: 'se10 9nr', status: 'Regular' },
  anna: { nhsNumber: '9434765862', title: 'Mrs', given: 'Anna', family: 'ŁUKASIEWICZ', dob: '01-Jul-1955', postcode: 'SE1 7PB', status: 'Deceased' },
  mary: { nhsNumber: '9434765854', title: 'Mrs', given: 'Mary-Anne', family: 'SMITH-JONES', dob: '02-Dec-1960', postcode: 'E8 1AB', status: 'Regular' }
} satisfies Record<string, SearchPracticePatient>

/** How many plain SMITHs the export adds (more than one page of 50). */
export const SMITH_COUNT = 60

const letters = 'abcdefghijklmnopqrstuvwxyz'

function smiths(): SearchPracticePatient[] {
  return Array.from({ length: SMITH_COUNT }, (_, i) => ({
    nhsNumber: validNhsNumber(100 + i),
    title: 'Mr',
    given: `Pat${letters[i % 26]}${letters[Math.floor(i / 26)]}`,
    family: 'SMITH',
    dob: '10-Jan-1950',
    postcode: 'N1 9GU',
    status: 'Regular'
  }))
}

/** "2026-10-01" → "01-Oct-2026", as EMIS prints a date. */
export function emisDate(iso: string): string {
  const [year, month, day] = iso.split('-')
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  return `${day}-${months[Number(month) - 1]}-${year}`
}

/** `iso` moved `days` earlier. */
function daysBefore(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() - days)
  return date.toISOString().slice(0, 10)
}

/** Zoë's earlier readings, so her chart has a line to draw: a year and half a year before the latest. */
export const zoeEarlierReadings = [
  { daysBefore: 360, systolic: 148, diastolic: 88 },
  { daysBefore: 180, systolic: 162, diastolic: 99 }
]

/**
 * The export's text: every patient with a hypertension diagnosis and a raised BP (156/96) taken on
 * `readingOn` (ISO); Zoë also has the readings above before it.
 */
export function searchPracticeExport(readingOn: string): string {
  const header = [
    'NHS Number',
    'Title',
    'Family Name',
    'Calling Name',
    'Date of Birth',
    'Gender',
    'Number and Street',
    'Town',
    'Postcode',
    'Registration Status',
    'Date',
    'Code',
    'Code Term',
    'Value'
  ]
  const read = emisDate(readingOn)
  const reading = (on: string, systolic: number, diastolic: number) => [
    ['', '', '', '', '', '', '', '', '', '', on, '271649006', 'Systolic blood pressure', String(systolic)],
    ['', '', '', '', '', '', '', '', '', '', on, '271650006', 'Diastolic blood pressure', String(diastolic)]
  ]
  const rows = [...Object.values(searchPatients), ...smiths()].flatMap((p) => [
    [
      p.nhsNumber,
      p.title,
      `"${p.family}"`,
      `"${p.given}"`,
      p.dob,
      p.title === 'Mr' ? 'M' : 'F',
      '1 High Street',
      'London',
      p.postcode,
      p.status,
      '12-Jan-2020',
      '59621000',
      'Essential hypertension',
      ''
    ],
    ...(p.nhsNumber === searchPatients.zoe.nhsNumber
      ? zoeEarlierReadings.flatMap((r) => reading(emisDate(daysBefore(readingOn, r.daysBefore)), r.systolic, r.diastolic))
      : []),
    ...reading(read, 156, 96)
  ])
  return csvLines([['Report Name:', 'Patient search practice'], ['Run Date:', read], [], header.map((h) => `"${h}"`), ...rows])
}
