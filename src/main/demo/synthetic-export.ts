// A synthetic EMIS Web list-report export for `clinic-recall demo` and tests: made-up patients of an
// inner-London practice with hypertension, in the EMIS EVENTS layout — a report
// header block, a header row with a trailing comma, patient columns on each patient's first row
// only (continuation rows leave them blank), one coded event per row (BP as separate systolic and
// diastolic rows, sometimes one "Blood pressure 152/94" row, a few home averages), a confidential
// patient's empty row and a last line of commas. Every patient is invented; NHS numbers are from
// the 999 test range, which is never issued. The same seed always gives the same file.
import { addDaysIso, addMonthsIso } from '../../shared/domain/iso-date'
import { nhsCheckDigit } from '../../shared/domain/nhs-number'
import { seededRandom, type SeededRandom } from './seeded-random'
import { address, mobile, personName, titleFor, usualGps, type Background } from './synthetic-people'

export interface SyntheticExportOptions {
  patients: number
  seed: number
  /** The date the report "ran", ISO YYYY-MM-DD: every event is on or before it. */
  asOf: string
}

/**
 * What the generator meant each patient to be on the as-of date (QOF mode, clinic readings): the
 * tests check the importer and cohort rules arrive at the same answer.
 */
export type IntendedState = 'P1' | 'P2' | 'uncontrolled' | 'controlled' | 'no-recent-bp' | 'resolved' | 'not-on-register'

export const patientColumns = [
  'EMIS Number',
  'NHS Number',
  'Title',
  'Family Name',
  'Calling Name',
  'Date of Birth',
  'Gender',
  'Ethnicity',
  'House Name / Flat Number',
  'Number and Street',
  'Locality',
  'Town',
  'County',
  'Postcode',
  'Mobile Telephone',
  "Usual GP's Full Name"
] as const
export const eventColumns = ['Date', 'Code', 'Code Term', 'Value', 'Unit'] as const

const monthAbbr = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** EMIS list-report dates: `05-Mar-2024`. */
export function emisDate(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${d}-${monthAbbr[Number(m) - 1] ?? '???'}-${y}`
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

// SNOMED CT codes and terms as EMIS prints them (code lists in resources/codelists).
const SYSTOLIC = { code: '271649006', term: 'Systolic blood pressure' }
const DIASTOLIC = { code: '271650006', term: 'Diastolic blood pressure' }
const BLOOD_PRESSURE = { code: '75367002', term: 'Blood pressure' }
const HOME_SYSTOLIC = { code: '413606001', term: 'Average home systolic blood pressure' }
const HOME_DIASTOLIC = { code: '413605002', term: 'Average home diastolic blood pressure' }
const ESSENTIAL_HYPERTENSION = { code: '59621000', term: 'Essential hypertension' }
const HYPERTENSION_RESOLVED = { code: '162659009', term: 'Hypertension resolved' }
const DIABETES = [
  { code: '44054006', term: 'Diabetes mellitus type 2' },
  { code: '73211009', term: 'Diabetes mellitus' }
]
const CHD = [
  { code: '22298006', term: 'Myocardial infarction' },
  { code: '194828000', term: 'Angina' },
  { code: '414545008', term: 'Ischaemic heart disease' }
]
const STROKE = [
  { code: '230690007', term: 'Stroke' },
  { code: '266257000', term: 'Transient ischaemic attack' }
]
const BP_DECLINED = { code: '413123006', term: 'Blood pressure procedure refused' }
const MAX_THERAPY = { code: '407567007', term: 'Patient on maximal tolerated antihypertensive therapy' }

/** How each background's ethnicity is printed: free text, or the SNOMED term of the ethnicity code. */
const ethnicityTexts: Readonly<Record<Background, readonly string[]>> = {
  'west-african': [
    'Black African',
    'African',
    'Nigerian - ethnic category 2001 census',
    'African - ethnic category 2001 census',
    'Somali - ethnic category 2001 census'
  ],
  caribbean: ['Black Caribbean', 'Caribbean', 'Caribbean - ethnic category 2001 census'],
  'black-other': ['Other Black background', 'Black British'],
  'white-british': ['White British', 'British'],
  'white-other': ['Other White', 'Any other White background'],
  'south-asian': ['Indian', 'Pakistani', 'Bangladeshi'],
  chinese: ['Chinese'],
  mixed: ['White and Black Caribbean', 'White and Black African'],
  other: ['Any other ethnic group', 'Arab - ethnic category 2001 census']
}

// About 40% Black African, Caribbean or other Black background: the population of the seed programme.
const backgroundWeights: Readonly<Record<Background, number>> = {
  'west-african': 18,
  caribbean: 14,
  'black-other': 6,
  'white-british': 24,
  'white-other': 8,
  'south-asian': 12,
  chinese: 3,
  mixed: 6,
  other: 5
}

const stateWeights: Readonly<Record<IntendedState, number>> = {
  controlled: 30,
  uncontrolled: 30,
  P2: 12,
  P1: 3,
  'no-recent-bp': 8,
  resolved: 5,
  'not-on-register': 12
}

/**
 * The first patients cover every state, so even a small export has a P1, P2, P3 (Black, above
 * target), P4 (White British, no risk condition), controlled and no-recent-BP patient.
 */
const forcedStates: ReadonlyArray<{ state: IntendedState; background?: Background; noRisk?: boolean }> = [
  { state: 'P1', background: 'west-african' },
  { state: 'P2', background: 'caribbean' },
  { state: 'uncontrolled', background: 'west-african', noRisk: true },
  { state: 'uncontrolled', background: 'white-british', noRisk: true },
  { state: 'controlled', background: 'caribbean' },
  { state: 'no-recent-bp', background: 'white-british' },
  { state: 'resolved' },
  { state: 'uncontrolled', background: 'south-asian' }
]

interface Bp {
  systolic: number
  diastolic: number
}

/** A clinic reading that puts the patient in `state` against the QOF clinic target for their age. */
function readingFor(random: SeededRandom, state: IntendedState, age: number): Bp {
  const targetSys = age >= 80 ? 150 : 140
  switch (state) {
    case 'P1':
      return random.chance(0.75)
        ? { systolic: random.int(181, 212), diastolic: random.int(95, 118) }
        : { systolic: random.int(165, 178), diastolic: random.int(121, 128) }
    case 'P2':
      return random.chance(0.7)
        ? { systolic: random.int(161, 178), diastolic: random.int(80, 108) }
        : { systolic: random.int(142, 158), diastolic: random.int(101, 112) }
    case 'uncontrolled':
      return random.chance(0.75)
        ? { systolic: random.int(targetSys + 2, 158), diastolic: random.int(72, 98) }
        : { systolic: random.int(124, Math.min(targetSys, 158)), diastolic: random.int(92, 98) }
    case 'controlled':
    case 'resolved':
    case 'not-on-register':
      return { systolic: random.int(108, targetSys - 1), diastolic: random.int(62, 88) }
    case 'no-recent-bp':
      return { systolic: random.int(128, 165), diastolic: random.int(74, 98) }
  }
}

interface Event {
  date: string
  code: string
  term: string
  value: string
  unit: string
}

function bpEvents(random: SeededRandom, date: string, bp: Bp, home = false): Event[] {
  if (home) {
    return [
      { date, ...HOME_SYSTOLIC, value: String(bp.systolic), unit: 'mmHg' },
      { date, ...HOME_DIASTOLIC, value: String(bp.diastolic), unit: 'mmHg' }
    ]
  }
  if (random.chance(0.2)) return [{ date, ...BLOOD_PRESSURE, value: `${bp.systolic}/${bp.diastolic}`, unit: 'mmHg' }]
  return [
    { date, ...SYSTOLIC, value: String(bp.systolic), unit: 'mmHg' },
    { date, ...DIASTOLIC, value: String(bp.diastolic), unit: 'mmHg' }
  ]
}

/** Unique valid NHS numbers from the 999 test range, in a seeded order. */
function nhsNumbers(random: SeededRandom, count: number): string[] {
  const out: string[] = []
  const taken = new Set<string>() // a Set, not out.includes(): 100k numbers for the bench
  let body = 999000000 + random.int(0, 400000) // 999 followed by six digits
  while (out.length < count) {
    body += random.int(1, 97)
    if (body > 999999999) body = 999000000 + random.int(0, 1000)
    const nine = String(body)
    const check = nhsCheckDigit(nine)
    if (check === null) continue // remainder 10: no valid number with this prefix
    const number = `${nine}${check}`
    if (taken.has(number)) continue
    taken.add(number)
    out.push(number)
  }
  return out
}

function spacedNhs(n: string): string {
  return `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`
}

export interface SyntheticPatientSummary {
  nhsNumber: string
  state: IntendedState
  ethnicity: string
}

export function generateSyntheticEmisExport(options: SyntheticExportOptions): {
  csv: string
  fileName: string
  patients: SyntheticPatientSummary[]
} {
  const { asOf } = options
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`generateSyntheticEmisExport: asOf "${asOf}" is not YYYY-MM-DD`)
  const count = Math.max(0, Math.floor(options.patients))
  const random = seededRandom(options.seed)
  const numbers = nhsNumbers(random, count)
  const emisBase = random.int(10000, 90000)
  const width = patientColumns.length + eventColumns.length
  const lines: string[] = []
  const row = (cells: readonly string[]) => {
    const padded = [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill('')]
    lines.push(`${padded.map(csvCell).join(',')},`) // EMIS ends every row with a comma
  }

  // The report header block, as EMIS prints it above the column row.
  lines.push(csvCell('Hypertension register - BP readings and risk factors (SYNTHETIC DEMO DATA: not real patients)'))
  lines.push(`${csvCell('Search')},${csvCell('Clinic Recall demo \\ Hypertension register')}`)
  lines.push(`Last Run,${emisDate(asOf)} 09:15,Relative Date,${emisDate(asOf)}`)
  lines.push(`Population Count,${count}`)
  lines.push(`${[...patientColumns, ...eventColumns].map(csvCell).join(',')},`)

  const summaries: SyntheticPatientSummary[] = []
  for (let i = 0; i < count; i++) {
    const forced = forcedStates[i]
    const state = forced?.state ?? random.weighted(stateWeights)
    const background = forced?.background ?? random.weighted(backgroundWeights)
    const noRisk = forced?.noRisk ?? false
    const sex = random.chance(0.5) ? 'F' : 'M'
    // Ages 25–95, most between 45 and 85 (a hypertension register).
    const age = Math.min(95, Math.max(25, Math.round(25 + 70 * ((random.next() + random.next() + random.next()) / 3) + random.int(-5, 5))))
    const dob = addDaysIso(addMonthsIso(asOf, -12 * age), -random.int(1, 360))
    const name = personName(random, background, sex)
    const place = address(random)
    // A few patients with no address on record: they are listed, not posted to.
    const noAddress = i >= forcedStates.length && random.chance(0.02)
    const ethnicity = forced
      ? random.pick(ethnicityTexts[background])
      : random.chance(0.06)
        ? random.pick(['', 'Not stated'])
        : random.pick(ethnicityTexts[background])
    const patientCells = [
      String(emisBase + i * 7),
      spacedNhs(numbers[i] ?? ''),
      titleFor(random, sex, age),
      name.family,
      name.given,
      emisDate(dob),
      sex === 'F' ? 'Female' : 'Male',
      ethnicity,
      noAddress ? '' : place.houseNameOrFlat,
      noAddress ? '' : place.numberAndStreet,
      noAddress ? '' : place.locality,
      noAddress ? '' : place.town,
      noAddress ? '' : place.county,
      noAddress ? '' : place.postcode,
      random.chance(0.8) ? mobile(random) : '',
      random.pick(usualGps)
    ]

    const events: Event[] = []
    const onRegister = state !== 'not-on-register'
    if (onRegister) {
      const diagnosed = addDaysIso(asOf, -random.int(400, 5500))
      events.push({ date: diagnosed, ...ESSENTIAL_HYPERTENSION, value: '', unit: '' })
      if (state === 'resolved') events.push({ date: addDaysIso(asOf, -random.int(200, 380)), ...HYPERTENSION_RESOLVED, value: '', unit: '' })
    }
    if (!noRisk) {
      if (random.chance(0.16)) events.push({ date: addDaysIso(asOf, -random.int(300, 6000)), ...random.pick(DIABETES), value: '', unit: '' })
      if (random.chance(0.07)) events.push({ date: addDaysIso(asOf, -random.int(300, 6000)), ...random.pick(CHD), value: '', unit: '' })
      if (random.chance(0.04)) events.push({ date: addDaysIso(asOf, -random.int(300, 6000)), ...random.pick(STROKE), value: '', unit: '' })
      if (!forced && onRegister && random.chance(0.02)) events.push({ date: addDaysIso(asOf, -random.int(20, 300)), ...BP_DECLINED, value: '', unit: '' })
      if (!forced && onRegister && random.chance(0.02)) events.push({ date: addDaysIso(asOf, -random.int(20, 300)), ...MAX_THERAPY, value: '', unit: '' })
    }

    // The latest reading decides the state; earlier ones drift around it.
    const latestDate = state === 'no-recent-bp' ? addDaysIso(asOf, -random.int(380, 900)) : addDaysIso(asOf, -random.int(7, 320))
    const latest = readingFor(random, state, age)
    events.push(...bpEvents(random, latestDate, latest))
    if (state !== 'no-recent-bp' && random.chance(0.25)) {
      // A second reading the same day, higher: the lowest of the day still counts (NICE NG136 1.2.2).
      events.push(...bpEvents(random, latestDate, { systolic: latest.systolic + random.int(2, 12), diastolic: latest.diastolic + random.int(0, 6) }))
    }
    let earlier = latestDate
    for (let k = random.int(0, 3); k > 0; k--) {
      earlier = addDaysIso(earlier, -random.int(90, 420))
      const drift = random.int(-12, 14)
      const systolic = Math.max(100, latest.systolic + drift)
      const diastolic = Math.min(systolic - 25, Math.max(58, latest.diastolic + Math.round(drift / 2)))
      events.push(...bpEvents(random, earlier, { systolic, diastolic }, onRegister && random.chance(0.12)))
    }

    events.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.code.localeCompare(b.code)))
    events.forEach((e, k) => {
      row([...(k === 0 ? patientCells : patientCells.map(() => '')), emisDate(e.date), e.code, e.term, e.value, e.unit])
    })
    summaries.push({ nhsNumber: numbers[i] ?? '', state, ethnicity })

    // A confidential patient's row: EMIS prints it empty.
    if (count >= 20 && i === Math.floor(count / 2)) row([])
  }
  row([]) // the last line of commas

  return { csv: `${lines.join('\r\n')}\r\n`, fileName: `synthetic-emis-hypertension-export-${asOf}.csv`, patients: summaries }
}
