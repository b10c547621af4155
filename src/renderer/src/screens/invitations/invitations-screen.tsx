import '../../styles/invitations.css'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { useLoad } from '../../components/use-load'
import { todayIso } from '../../format/uk-date'
import { BatchHistory } from './batch-history'
import { ContactPreferencesCard } from './contact-preferences-card'
import { InvitationWorklists } from './invitation-worklists'
import { TemplateEditor } from './template-editor'
import { WordTemplateCard } from './word-template-card'

/** Invitations: who has not answered (with codes to record), batches sent, templates and preferences. */
export function InvitationsScreen() {
  const loaded = useLoad(async () => {
    const [worklists, batches, templates, practice] = await Promise.all([
      api['invitations.worklists']({}),
      api['invitations.listBatches']({}),
      api['templates.list']({}),
      api['settings.get']({})
    ])
    return { worklists, batches: batches.batches, templates, practice }
  }, [])
  const data = loaded.data
  return (
    <div className="screen">
      <h1>Invitations</h1>
      <p className="lead">Follow up everyone invited, see the batches sent, and edit the letter and SMS wording.</p>
      <ErrorAlert message={loaded.error} />
      {!data && !loaded.error && <p className="muted">Loading…</p>}
      {data && (
        <>
          <InvitationWorklists lists={data.worklists} today={todayIso()} onChanged={loaded.reload} />
          <BatchHistory batches={data.batches} />
          <TemplateEditor list={data.templates} practice={data.practice} onSaved={loaded.reload} />
          <WordTemplateCard word={data.templates.wordTemplate} onChanged={loaded.reload} />
          <ContactPreferencesCard />
        </>
      )}
    </div>
  )
}
