import { create } from 'zustand'
import type { UserT } from '../../../shared/contract'
import { api } from '../api/client'
import { whenSignInRequired } from '../api/transport'

interface SessionState {
  loaded: boolean
  user: UserT | null
  databasePath: string
  appVersion: string
  load: () => Promise<void>
  signIn: (user: UserT) => Promise<void>
  signOut: () => void
}

export const useSessionStore = create<SessionState>((set) => ({
  loaded: false,
  user: null,
  databasePath: '',
  appVersion: '',
  load: async () => {
    const session = await api['session.get']({})
    set({ loaded: true, user: session.user, databasePath: session.databasePath, appVersion: session.appVersion })
  },
  signIn: async (user) => {
    const result = await api['session.setUser'](user)
    set({ user: result.user })
  },
  // Staff sharing one machine switch user by picking their name again; main keeps the last one set.
  signOut: () => set({ user: null })
}))

// Main has nobody signed in (e.g. browser mode was restarted behind this tab): ask again.
whenSignInRequired(() => useSessionStore.setState({ user: null }))
