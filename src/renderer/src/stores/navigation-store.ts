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
  go: (section: SectionId) => void
}

export const useNavigationStore = create<NavigationState>((set) => ({
  // The home screen: worklist counts.
  section: 'today',
  go: (section) => set({ section })
}))
