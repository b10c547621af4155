// The clinical facts of a patient's row: coded events (each classified by the code lists: a blood
// pressure, a concept such as a register code, an ethnicity), blood pressures written in columns
// (wide BP layout) and register flag columns. Dates are checked (not in the future, not before the
// patient was born), values checked for plausibility, and every cell that cannot be used is
// rejected with its reason; codes no list knows are tallied for the Code library.
import { type BpMeasure, bpMeasureFromTerm, measureForSetting } from '../../../shared/domain/bp-measures'
import { bloodPressureProblem, diastolicProblem, parseBloodPressureCell, parseMmHg, systolicProblem } from '../../../shared/domain/bp-plausibility'
import { classifyEvent, type EventClassification } from '../../../shared/domain/clinical-codes'
import type { BpSetting } from '../../../shared/domain/patient-record'
import { parseUkDate } from '../../../shared/domain/uk-date'
import { CodeTallies, matchedAsOf } from '../../codelists/code-findings'
import type { CodeTally, FileReadResult } from '../import-types'
import type { ColumnMap } from './map-columns'
import { parseYesNo } from './patient-fields'
import type { ReadOptions } from './read-options'
import type { RowCells } from './row-cells'
import { rememberedByText } from '../../../shared/remembered-by-text'
import { formatDateText } from '../../../shared/format/staff-text'

export class FactReader {
  private readonly classified = new Map<string, EventClassification>()
  private unknownEvents = 0
  private readonly unknownExamples = new Set<string>()
  /** Codes in no list, and rows read from their term alone: the Code library shows both. */
  private readonly codeTallies = new CodeTallies()
  private bpWithoutValue = 0
  private meanIgnored = 0
  /** Dates of birth read so far, so a reading dated before the patient was born is caught. */
  private readonly bornOn = new Map<string, string>()
  /** Event and reading dates repeat from row to row: each distinct text is read once, 20,000 kept at most. */
  private readonly parseDate = rememberedByText(parseUkDate, 20_000)

  constructor(
    private readonly row: RowCells,
    private readonly map: ColumnMap,
    private readonly options: ReadOptions,
    private readonly out: FileReadResult
  ) {}

  /** The patient's date of birth as read from their row: facts dated before it are rejected. */
  noteDateOfBirth(nhsNumber: string, dateOfBirth: string): void {
    this.bornOn.set(nhsNumber, dateOfBirth)
  }

  /** The events, wide-layout blood pressures and register flags on this row, for this patient. */
  readFacts(nhsNumber: string): void {
    this.readEvents(nhsNumber)
    this.readWideBp(nhsNumber)
    this.readFlags(nhsNumber)
  }

  /** Codes no list decided, and events read from their term alone, over the whole file. */
  codeTallyList(): CodeTally[] {
    return this.codeTallies.list()
  }

  private classify(code: string, term: string): EventClassification {
    const key = `${code}\u0001${term}`
    let c = this.classified.get(key)
    if (!c) {
      c = classifyEvent(this.options.library, code, term)
      this.classified.set(key, c)
    }
    return c
  }

  /** An event or reading date: null when blank; undefined when rejected (already reported). */
  private eventDate(index: number | undefined, what: string): string | null | undefined {
    const parsed = this.parseDate(this.row.cell(index))
    if (!parsed.ok) {
      this.row.reject(index, `${what}: ${parsed.reason}; not imported`)
      return undefined
    }
    if (parsed.date !== null && parsed.date > this.options.today) {
      this.row.reject(index, `${what}: date ${formatDateText(parsed.date)} is in the future; not imported`)
      return undefined
    }
    return parsed.date
  }

  /** A fact dated before the patient's date of birth cannot be right: rejected (and reported) here. */
  private beforeBirth(nhsNumber: string, date: string | null, index: number | undefined, what: string): boolean {
    const born = this.bornOn.get(nhsNumber)
    if (date === null || born === undefined || date >= born) return false
    this.row.reject(index, `${what}: date ${formatDateText(date)} is before the date of birth ${formatDateText(born)}; not imported`)
    return true
  }

  private readEvents(nhsNumber: string): void {
    for (const group of this.map.eventGroups) {
      const code = this.row.cell(group.code)
      const exportedTerm = this.row.cell(group.term)
      const value = this.row.cell(group.value)
      const dateText = this.row.cell(group.date)
      if (code === '' && exportedTerm === '' && value === '' && dateText === '') continue
      const term = exportedTerm !== '' ? exportedTerm : (group.groupName ?? '')
      const c = this.classify(code, term)
      if (c.kind === 'unknown') {
        this.unknownEvents++
        if (this.unknownExamples.size < 5) this.unknownExamples.add(term || code)
        if (code !== '' || term !== '') this.codeTallies.add(code, term, null, nhsNumber)
        continue
      }
      const date = this.eventDate(group.date, `"${term || code}"`)
      if (date === undefined || this.beforeBirth(nhsNumber, date, group.date, `"${term || code}"`)) continue
      if (c.via === 'term') this.codeTallies.add(code, term, matchedAsOf(c), nhsNumber)
      switch (c.kind) {
        case 'bp':
          this.readBpEvent(nhsNumber, date, value, term, c, group.date, group.value)
          break
        case 'concept':
          for (const concept of c.concepts) {
            this.out.events.push({ nhsNumber, date, concept, code, term, value: concept === 'BMI' ? parseBmiValue(value) : null, matchedBy: c.via })
          }
          break
        case 'ethnicity':
          this.out.ethnicity.push({ nhsNumber, date, text: term || code, category: c.category })
          break
        default: {
          const never: never = c
          throw new Error(`unhandled classification ${JSON.stringify(never)}`)
        }
      }
    }
  }

  private readBpEvent(
    nhsNumber: string,
    date: string | null,
    value: string,
    term: string,
    c: Extract<EventClassification, { kind: 'bp' }>,
    dateIndex: number | undefined,
    valueIndex: number | undefined
  ): void {
    if (value === '') {
      this.bpWithoutValue++
      return
    }
    if (date === null) {
      this.row.reject(dateIndex ?? valueIndex, `blood pressure "${term}" ${value} has no date; not imported`)
      return
    }
    const whole = parseBloodPressureCell(value)
    if (whole) {
      this.addReading(nhsNumber, date, whole.systolic, whole.diastolic, c.setting, c.measure.measure, valueIndex)
      return
    }
    if (c.component === 'mean') {
      this.meanIgnored++
      return
    }
    const mmHg = parseMmHg(value)
    if (c.component === 'both') {
      this.row.reject(
        valueIndex,
        mmHg === null
          ? `"${value}" is not a blood pressure (expected e.g. 145/92); not imported`
          : `"${value}" is one number, but "${term}" does not say systolic or diastolic (expected e.g. 145/92); not imported`
      )
      return
    }
    if (mmHg === null) {
      this.row.reject(valueIndex, `${c.component} "${value}" is not a number of mmHg; not imported`)
      return
    }
    this.addComponent(nhsNumber, date, c.setting, c.measure.measure, c.pairingKey, c.component, mmHg, valueIndex)
  }

  private addReading(
    nhsNumber: string,
    date: string,
    systolic: number,
    diastolic: number,
    setting: BpSetting,
    measure: BpMeasure,
    index: number | undefined
  ): void {
    const problem = bloodPressureProblem(systolic, diastolic)
    if (problem) {
      this.row.reject(index, `${problem}; not imported`)
      return
    }
    this.out.readings.push({ nhsNumber, date, systolic, diastolic, setting, measure, source: this.row.source(), column: this.row.label(index) })
  }

  private addComponent(
    nhsNumber: string,
    date: string,
    setting: BpSetting,
    measure: BpMeasure,
    pairingKey: string,
    component: 'systolic' | 'diastolic',
    value: number,
    index: number | undefined
  ): void {
    const problem = component === 'systolic' ? systolicProblem(value) : diastolicProblem(value)
    if (problem) this.row.reject(index, `${problem}; not imported`)
    this.out.components.push({
      nhsNumber,
      date,
      setting,
      measure,
      pairingKey,
      component,
      value,
      source: this.row.source(),
      column: this.row.label(index),
      rejected: problem !== null
    })
  }

  private readWideBp(nhsNumber: string): void {
    for (const g of this.map.bpGroups) {
      const systolic = this.row.cell(g.systolic)
      const diastolic = this.row.cell(g.diastolic)
      const combined = this.row.cell(g.combined)
      if (systolic === '' && diastolic === '' && combined === '') continue
      const typeText = this.row.cell(g.type)
      const setting = wideBpSetting(typeText)
      if (setting === null) {
        this.row.reject(g.type, `BP type "${typeText}" is not clinic, home or ambulatory; reading not imported`)
        continue
      }
      // A type column may say more than the setting ("ABPM night average"): its words give the kind.
      const measure = typeText === '' ? measureForSetting(setting) : bpMeasureFromTerm(typeText).measure
      const dateFor = (own: number | undefined): { index: number | undefined; date: string | null | undefined } => {
        const index = own !== undefined && this.row.cell(own) !== '' ? own : g.date !== undefined ? g.date : own
        const date = this.eventDate(index, 'blood pressure date')
        return { index, date: date !== undefined && this.beforeBirth(nhsNumber, date, index, 'blood pressure date') ? undefined : date }
      }
      if (combined !== '') {
        const { index, date } = dateFor(undefined)
        const whole = parseBloodPressureCell(combined)
        if (date === undefined) continue
        if (date === null) this.row.reject(index ?? g.combined, `blood pressure ${combined} has no date; not imported`)
        else if (!whole) this.row.reject(g.combined, `"${combined}" is not a blood pressure (expected e.g. 145/92); not imported`)
        else this.addReading(nhsNumber, date, whole.systolic, whole.diastolic, setting, measure, g.combined)
        continue
      }
      for (const [component, valueIndex, dateIndex] of [
        ['systolic', g.systolic, g.systolicDate],
        ['diastolic', g.diastolic, g.diastolicDate]
      ] as const) {
        const value = this.row.cell(valueIndex)
        if (value === '') continue
        const { index, date } = dateFor(dateIndex)
        if (date === undefined) continue
        if (date === null) {
          this.row.reject(index ?? valueIndex, `${component} ${value} has no date; not imported`)
          continue
        }
        const mmHg = parseMmHg(value)
        if (mmHg === null) this.row.reject(valueIndex, `${component} "${value}" is not a number of mmHg; not imported`)
        else this.addComponent(nhsNumber, date, setting, measure, measure, component, mmHg, valueIndex)
      }
    }
  }

  private readFlags(nhsNumber: string): void {
    for (const { index, concept } of this.map.flags) {
      const value = this.row.cell(index)
      if (value === '') continue
      const caption = this.row.label(index)
      const term = `${caption} (register flag column)`
      const yes = parseYesNo(value)
      if (yes === true) this.out.events.push({ nhsNumber, date: null, concept, code: '', term, value: null, matchedBy: 'flag' })
      if (yes !== null) continue
      const parsed = parseUkDate(value)
      if (!parsed.ok) {
        this.row.reject(index, `"${value}" is not a register flag (expected Y/N, True/False or a date); not imported`)
      } else if (parsed.date !== null && parsed.date > this.options.today) {
        this.row.reject(index, `register flag date ${formatDateText(parsed.date)} is in the future; not imported`)
      } else if (parsed.date !== null) {
        this.out.events.push({ nhsNumber, date: parsed.date, concept, code: '', term, value: null, matchedBy: 'flag' })
      }
    }
  }

  /** What the preview says about the rows' events and readings once every row is read. */
  warnings(f: string): string[] {
    const w: string[] = []
    if (this.unknownEvents > 0) {
      const examples = [...this.unknownExamples].map((e) => `"${e}"`).join(', ')
      w.push(`${f}: ${this.unknownEvents} event row(s) with codes Clinic Recall does not use were ignored (e.g. ${examples})`)
    }
    if (this.bpWithoutValue > 0) {
      w.push(`${f}: ${this.bpWithoutValue} blood pressure row(s) had no value (findings such as "Normal blood pressure") and are not readings`)
    }
    if (this.meanIgnored > 0) w.push(`${f}: ${this.meanIgnored} mean arterial pressure row(s) ignored (not used for targets)`)
    return w
  }
}

/** BP Type column: clinic when blank (a reading of unknown setting counts as clinic). Null when unrecognised. */
function wideBpSetting(text: string): BpSetting | null {
  const t = text.trim().toLowerCase()
  if (t === '') return 'clinic'
  if (/home|self/.test(t)) return 'home'
  if (/ambulatory|abpm|24/.test(t)) return 'ambulatory'
  if (/clinic|surgery|practice|office|gp|nurse|hca/.test(t)) return 'clinic'
  return null
}

/** A BMI value as exported ("31.2", "31.2 kg/m2"); null when the cell holds no plausible BMI (10–100). */
function parseBmiValue(value: string): number | null {
  const match = /^\s*(\d{1,3}(?:\.\d+)?)\s*(kg\/m2|kg\/m²)?\s*$/i.exec(value)
  if (!match) return null
  const bmi = Number(match[1])
  return bmi >= 10 && bmi <= 100 ? bmi : null
}
