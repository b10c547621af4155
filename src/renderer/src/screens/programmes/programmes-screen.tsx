// Programmes: every clinic project the practice runs, with its progress at a glance, starting a new
// one, and each programme's own page.
import '../../styles/programmes.css'
import { useState } from 'react'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useLoad } from '../../components/use-load'
import { useProgrammeStore } from '../../stores/programme-store'
import { ProgrammeList } from './programme-list'
import { ProgrammePage } from './programme-page'
import { StartProgrammeForm } from './start-programme-form'

export function ProgrammesScreen() {
  const { openId, open } = useProgrammeStore()
  const [version, setVersion] = useState(0)
  const list = useLoad(() => api['programmes.list']({}), [version])
  const programmes = list.data?.programmes ?? []

  if (openId !== null) return <ProgrammePage programmeId={openId} onBack={() => open(null)} onChanged={() => setVersion((v) => v + 1)} />

  return (
    <div className="screen">
      <h1>Programmes</h1>
      <p className="lead">
        Each programme is one clinic project — its cohort, invitations, clinics and audit kept apart from the others. Open one to see its work and its audit.
      </p>
      <Card title="Programmes">
        <ErrorAlert message={list.error} title="The programmes could not be listed" />
        {list.loading && !list.data && <p className="muted">Loading…</p>}
        {list.data && <ProgrammeList programmes={programmes} onOpen={(p) => open(p.programmeId)} />}
      </Card>
      <StartProgrammeForm
        openNames={programmes.filter((p) => p.status === 'active').map((p) => p.name)}
        onStarted={(created) => {
          setVersion((v) => v + 1)
          open(created.programmeId)
        }}
      />
    </div>
  )
}
