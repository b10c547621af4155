import { create } from 'zustand'
import type { CohortSnapshotT } from '../../../shared/contract'

/** The cohort the user is working with: built on the Cohorts screen, used for booking on the Clinics screen. */
interface CohortState {
  current: CohortSnapshotT | null
  setCurrent: (snapshot: CohortSnapshotT | null) => void
}

export const useCohortStore = create<CohortState>((set) => ({
  current: null,
  setCurrent: (snapshot) => set({ current: snapshot })
}))
