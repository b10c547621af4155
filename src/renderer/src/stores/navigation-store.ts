import { create } from 'zustand'

export const sections = [
  { id: 'today', label: 'Today' },
  { id: 'programmes', label: 'Programmes' },
  { id: 'import', label: 'Import' },
  { id: 'cohorts', label: 'Cohorts' },
  { id: 'invitations', label: 'Invitations' },
  { id: 'clinics', label: 'Clinics' },
  { id: 'followups', label: 'Follow-ups' },
  { id: 'audit', label: 'Audit' },
  { id: 'settings', label: 'Settings' },
  { id: 'activity', label: 'Activity log' }
] as const

export type SectionId = (typeof sections)[number]['id']

interface NavigationState {
  section: SectionId
  /** The NHS number of the patient whose page is shown over the section, from "Find a patient"; null: the section. */
  patient: string | null
  go: (section: SectionId) => void
  openPatient: (nhsNumber: string) => void
  closePatient: () => void
}

export const useNavigationStore = create<NavigationState>((set) => ({
  // The home screen: worklist counts.
  section: 'today',
  patient: null,
  // Choosing a section leaves the patient's page.
  go: (section) => set({ section, patient: null }),
  openPatient: (nhsNumber) => set({ patient: nhsNumber }),
  closePatient: () => set({ patient: null })
}))
