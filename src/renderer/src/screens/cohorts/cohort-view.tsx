import { useMemo, useState } from 'react'
import type { CohortEntryT } from '../../../../shared/contract'
import { BusyButton } from '../../components/busy-button'
import { Card, Stat } from '../../components/card'
import { formatUkDate, formatUkDateTime } from '../../format/uk-date'
import { ExcludedView } from './excluded-view'
import { ExclusionSwitches } from './exclusion-switches'
import { InvitationsPanel } from './invitations-panel'
import { MembersTable } from './members-table'
import { SevereBanner } from './severe-banner'
import type { ShownCohort } from './shown-cohort'
import { WhyPanel } from './why-panel'
import { formatCount } from '../../format/count'

type Tab = 'members' | 'excluded'

interface Props {
  /** An unsaved preview (the live rebuild) or a saved snapshot #N: the heading says which. */
  snapshot: ShownCohort
  /** Save the preview shown as a snapshot (invitations need one). */
  onSave: () => void
  saving: boolean
  /** The exclusions switched off in the settings (the next build's, while a rebuild is on its way). */
  disabledExclusions: string[]
  /** Switch an exclusion on or off and rebuild (the cohorts screen owns the build parameters). */
  onToggleExclusion: (rule: string, applied: boolean) => void
  rebuilding: boolean
  /** False when the definition can no longer be built (an archived custom cohort): the switches are read-only. */
  canRebuild: boolean
}

/** The parameters a build used that change who is in it, in words (shown under the heading). */
function settingsText(snapshot: ShownCohort): string[] {
  const p = snapshot.parameters
  if (!p) return []
  const lines: string[] = []
  if (snapshot.definition === 'hypertension-black-african-caribbean') {
    lines.push(p.includeMixedBlackCategories ? 'mixed D/E included' : 'categories M, N, P only (mixed D/E not included)')
  }
  if (snapshot.definition === 'time-to-talk' && p.conditionThreshold !== undefined) lines.push(`${p.conditionThreshold} or more long-term conditions`)
  const off = p.disabledExclusions?.length ?? 0
  if (off > 0) lines.push(`${off} exclusion${off === 1 ? '' : 's'} switched off`)
  return lines
}

export function CohortView({ snapshot, onSave, saving, disabledExclusions, onToggleExclusion, rebuilding, canRebuild }: Props) {
  const [tab, setTab] = useState<Tab>('members')
  const [selected, setSelected] = useState<CohortEntryT | null>(null)
  const ruleLabels = useMemo(() => new Map(snapshot.exclusionCounts.map((item) => [item.rule, item.label])), [snapshot.exclusionCounts])
  const severeExcluded = snapshot.excluded.filter((entry) => entry.severe)
  const severeMembers = snapshot.priorityCounts.P1
  const saved = snapshot.snapshot

  return (
    <>
      <Card title={saved ? `${snapshot.name} — saved cohort #${saved.cohortId}` : `${snapshot.name} — unsaved preview`}>
        {saved ? (
          <p className="muted" data-testid="cohort-state">
            Saved snapshot #{saved.cohortId} · as of {formatUkDate(snapshot.asOf)} · {snapshot.mode === 'qof' ? 'QOF' : 'NICE'} targets · definition version{' '}
            {snapshot.definitionVersion} · built {formatUkDateTime(saved.builtAt)} by {saved.builtBy}
            {settingsText(snapshot).map((text) => ` · ${text}`)}
          </p>
        ) : (
          <div className="alert alert-info" data-testid="cohort-state">
            <h3 className="alert-title">Unsaved preview — not a saved cohort yet</h3>
            <p className="alert-message">
              As of {formatUkDate(snapshot.asOf)} · {snapshot.mode === 'qof' ? 'QOF' : 'NICE'} targets · definition version {snapshot.definitionVersion}
              {settingsText(snapshot).map((text) => ` · ${text}`)}. These counts update as you change the settings; nothing is stored until you save.
              Invitations are made from a saved cohort.
            </p>
            <BusyButton busy={saving} busyLabel="Saving…" onClick={onSave} disabled={rebuilding}>
              Use this cohort (save it)
            </BusyButton>
          </div>
        )}
        <div className="stats">
          <Stat label="Members" value={formatCount(snapshot.memberCount)} />
          <Stat label="Excluded" value={formatCount(snapshot.excludedCount)} />
          <Stat label="Not eligible" value={snapshot.notEligibleCount} />
          {(['P1', 'P2', 'P3', 'P4'] as const).map((priority) => (
            <Stat key={priority} label={`Priority ${priority}`} value={snapshot.priorityCounts[priority]} />
          ))}
        </div>
        {severeMembers > 0 && (
          <div className="alert alert-error">
            <h3 className="alert-title">
              {severeMembers} member{severeMembers === 1 ? ' has' : 's have'} a severe reading (P1)
            </h3>
            <p className="alert-message">NICE NG136 1.5.1: review within 7 days — contact by phone, not a routine letter.</p>
          </div>
        )}
      </Card>

      <SevereBanner entries={severeExcluded} ruleLabels={ruleLabels} onWhy={setSelected} />

      <ExclusionSwitches
        snapshot={snapshot}
        disabledExclusions={disabledExclusions}
        onToggle={onToggleExclusion}
        rebuilding={rebuilding}
        canRebuild={canRebuild}
      />

      <Card>
        <div className="tabs" role="tablist" aria-label="Cohort lists">
          <button
            type="button"
            role="tab"
            id="tab-members"
            aria-selected={tab === 'members'}
            aria-controls="panel-members"
            className={tab === 'members' ? 'tab active' : 'tab'}
            onClick={() => setTab('members')}
          >
            Members ({formatCount(snapshot.memberCount)})
          </button>
          <button
            type="button"
            role="tab"
            id="tab-excluded"
            aria-selected={tab === 'excluded'}
            aria-controls="panel-excluded"
            className={tab === 'excluded' ? 'tab active' : 'tab'}
            onClick={() => setTab('excluded')}
          >
            Excluded ({formatCount(snapshot.excludedCount)})
          </button>
        </div>
        {tab === 'members' ? (
          <div role="tabpanel" id="panel-members" aria-labelledby="tab-members">
            <p className="bp-rule">
              Current BP: the latest reading date in the look-back window; where several readings share that date, the lowest systolic and the lowest diastolic
              (NICE NG136 1.2.2). Each row states the rule as applied.
            </p>
            {snapshot.members.length < snapshot.memberCount && (
              <p className="hint">
                Showing the first {formatCount(snapshot.members.length)} of {formatCount(snapshot.memberCount)} members in list order. Save the cohort to list
                them all.
              </p>
            )}
            {snapshot.members.length === 0 ? (
              <p>No patients meet this cohort&apos;s criteria on {formatUkDate(snapshot.asOf)}.</p>
            ) : (
              <MembersTable entries={snapshot.members} onWhy={setSelected} />
            )}
          </div>
        ) : (
          <div role="tabpanel" id="panel-excluded" aria-labelledby="tab-excluded">
            <ExcludedView snapshot={snapshot} ruleLabels={ruleLabels} onWhy={setSelected} />
          </div>
        )}
      </Card>

      {saved ? (
        // Keyed by snapshot: a batch made from one cohort is never shown under the next one built.
        <InvitationsPanel key={saved.cohortId} snapshot={saved} />
      ) : (
        <Card title="Invitations">
          <p className="hint">Invitations are made from a saved cohort: use “Use this cohort (save it)” above first.</p>
        </Card>
      )}

      {selected && (
        <WhyPanel
          cohortId={saved?.cohortId ?? null}
          preview={snapshot.previewInput}
          entry={selected}
          excludedBy={selected.rule ? (ruleLabels.get(selected.rule) ?? selected.rule) : null}
          onClose={() => setSelected(null)}
        />
      )}
    </>
  )
}
