import { create } from 'zustand'

/**
 * The programme a screen should start on when another screen sent the user there: the programme
 * page "Build a cohort for it" opens the Cohorts screen on that programme, "Create a clinic for it"
 * the Clinics screen, "Open its audit" the Audit screen. Each screen reads its own field once, when
 * it opens; choosing in the screen's own picker afterwards is the screen's business.
 */
interface ProgrammeState {
  /** The programme page shown on the Programmes screen; null shows the list. */
  openId: number | null
  /** The programme the Cohorts screen builds for; null lets the definition choose. */
  buildFor: number | null
  /** The programme the Clinics screen's new clinic is for; null: none. */
  clinicFor: number | null
  /** The programme the Audit screen shows; null: the whole practice. */
  auditFor: number | null
  open: (programmeId: number | null) => void
  setBuildFor: (programmeId: number | null) => void
  setClinicFor: (programmeId: number | null) => void
  setAuditFor: (programmeId: number | null) => void
}

export const useProgrammeStore = create<ProgrammeState>((set) => ({
  openId: null,
  buildFor: null,
  clinicFor: null,
  auditFor: null,
  open: (programmeId) => set({ openId: programmeId }),
  setBuildFor: (programmeId) => set({ buildFor: programmeId }),
  setClinicFor: (programmeId) => set({ clinicFor: programmeId }),
  setAuditFor: (programmeId) => set({ auditFor: programmeId })
}))
