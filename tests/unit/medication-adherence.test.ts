import { describe, expect, it } from 'vitest'
import {
  ADHERENCE_SOURCE,
  adherenceProblems,
  adherenceStatuses,
  medicineChangeKinds,
  medicineChangeProblems,
  nonAdherenceReasons,
  type AdherenceRecord,
  type MedicineChange
} from '../../src/shared/domain/medication-adherence'

describe('medication adherence', () => {
  it('keeps the ids the command line uses', () => {
    expect(adherenceStatuses.map((s) => s.id)).toEqual(['taking', 'forgets', 'stopped', 'side-effects', 'not-collected'])
    expect(medicineChangeKinds.map((k) => k.id)).toEqual(['started', 'increased', 'switched', 'stopped'])
    expect(nonAdherenceReasons.map((r) => r.id)).toContain('prescription-cost')
    expect(ADHERENCE_SOURCE).toMatch(/NICE NG136 1\.4\.40/)
  })

  it('accepts a patient taking as prescribed with no reasons, and one who forgets with reasons', () => {
    expect(adherenceProblems({ status: 'taking', reasons: [] })).toEqual([])
    expect(adherenceProblems({ status: 'forgets', reasons: ['forgets', 'practical-difficulty'] })).toEqual([])
  })

  it('refuses reasons for a patient taking as prescribed', () => {
    expect(adherenceProblems({ status: 'taking', reasons: ['side-effects'] })).toEqual([
      { field: 'reasons', message: 'Reasons for not taking medicines are given, but adherence says “Taking as prescribed”; change one of them.' }
    ])
  })

  it('asks for the patient’s words when the reason is other', () => {
    expect(adherenceProblems({ status: 'stopped', reasons: ['other'], otherReason: '  ' })).toEqual([
      { field: 'otherReason', message: 'Reason “Other” is chosen: write the patient’s reason.' }
    ])
    expect(adherenceProblems({ status: 'stopped', reasons: ['other'], otherReason: 'Worried about kidneys' })).toEqual([])
  })

  it('refuses an unknown status or reason, and a reason given twice', () => {
    const record = { status: 'sometimes', reasons: ['cost', 'forgets', 'forgets'] } as unknown as AdherenceRecord
    expect(adherenceProblems(record).map((p) => p.field)).toEqual(['status', 'reasons[0]', 'reasons[2]'])
    expect(adherenceProblems(record)[0]?.message).toBe('Adherence “sometimes” is not one of: taking, forgets, stopped, side-effects, not-collected.')
  })

  it('needs the medicine named for a change, and a known kind of change', () => {
    expect(medicineChangeProblems({ kind: 'increased', drug: 'amlodipine 10 mg' })).toEqual([])
    expect(medicineChangeProblems({ kind: 'started', drug: ' ' })).toEqual([{ field: 'drug', message: 'Name the medicine that was changed.' }])
    expect(medicineChangeProblems({ kind: 'doubled', drug: 'ramipril' } as unknown as MedicineChange)[0]?.field).toBe('kind')
    expect(medicineChangeProblems({ kind: 'switched', drug: 'x'.repeat(201) })[0]?.message).toBe('The medicine is 201 characters; keep it to 200.')
  })
})
