// Settings › Local services: the directory of services the practice signposts or refers patients to
// from a visit. Each row says who may refer and how to reach the service; one patients could not
// be told how to reach is warned about beside it, and a shipped example carries a badge until the
// practice has checked its details. Services are deactivated, never deleted: their referrals stay.
import { useState } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { localServiceCategoryLabels } from '../../../../shared/domain/local-services'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { LocalServiceForm } from './local-service-form'

type Service = OperationOutput<'services.list'>['services'][number]

function whoMayRefer(s: Service): string {
  if (s.selfReferral && s.practiceReferral) return 'Patient or practice'
  return s.selfReferral ? 'Patient (self-referral)' : 'Practice only'
}

function Contact({ service }: { service: Service }) {
  const lines = [service.phone, service.web, service.address, service.openingTimes].filter((v): v is string => v !== null && v !== '')
  return (
    <>
      {lines.map((line, i) => (
        <div key={i} className={i === 3 ? 'muted' : undefined}>
          {line}
        </div>
      ))}
      {service.contactProblem && (
        <p className="text-warning" role="note">
          {service.contactProblem}
        </p>
      )}
    </>
  )
}

export function LocalServicesCard() {
  const list = useLoad(() => api['services.list']({}), [])
  const toggle = useAsyncAction()
  // 'new' while adding; a service id while editing that one.
  const [editing, setEditing] = useState<'new' | number | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const services = list.data?.services ?? []

  const saved = (service: Service, verb: string) => {
    setEditing(null)
    setNotice(`${service.name} ${verb}.${service.contactProblem ? ` ${service.contactProblem}` : ''}`)
    list.reload()
  }

  const setActive = (service: Service, active: boolean) =>
    void toggle.run(async () => {
      const changed = await api['services.setActive']({ serviceId: service.serviceId, active })
      setNotice(active ? `${changed.name} is active again.` : `${changed.name} deactivated: it takes no new referrals; its referrals stay.`)
      list.reload()
    })

  return (
    <Card
      title="Local services"
      actions={
        editing !== 'new' && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => {
              setNotice(null)
              setEditing('new')
            }}
          >
            Add a service
          </button>
        )
      }
    >
      <p className="muted">
        Services staff can signpost or refer patients to from a Time to Talk or BP visit. A referral with no outcome after 6 weeks appears on the Follow-ups
        screen. The examples shipped with Clinic Recall must be checked with each service before use.
      </p>
      <ErrorAlert message={list.error} />
      <ErrorAlert message={toggle.error} title="Not changed" />
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      {editing === 'new' && <LocalServiceForm service={null} idPrefix="service-new" onSaved={(s) => saved(s, 'added')} onCancel={() => setEditing(null)} />}
      {list.data && (
        <DataTable<Service>
          label="Local services"
          rows={services}
          rowKey={(s) => s.serviceId}
          rowClassName={(s) => (s.active ? undefined : 'muted')}
          empty={<p>No local services yet. Add the services the practice refers to.</p>}
          expanded={(s) =>
            editing === s.serviceId && (
              <LocalServiceForm service={s} idPrefix={`service-${s.serviceId}`} onSaved={(next) => saved(next, 'saved')} onCancel={() => setEditing(null)} />
            )
          }
          columns={[
            {
              id: 'name',
              header: 'Service',
              sortValue: (s) => s.name,
              cell: (s) => (
                <>
                  <strong>{s.name}</strong>
                  {s.isExample && (
                    <span className="nhsuk-tag tag-inline nhsuk-tag--yellow" title="Shipped with Clinic Recall: check the details with the service before use">
                      Example
                    </span>
                  )}
                  {s.offers && <div className="hint">{s.offers}</div>}
                </>
              )
            },
            { id: 'category', header: 'Kind', cell: (s) => localServiceCategoryLabels[s.category], sortValue: (s) => localServiceCategoryLabels[s.category] },
            { id: 'refer', header: 'Who may refer', cell: whoMayRefer, sortValue: whoMayRefer },
            { id: 'contact', header: 'Contact', cell: (s) => <Contact service={s} /> },
            {
              id: 'active',
              header: 'Active',
              sortValue: (s) => (s.active ? 0 : 1),
              cell: (s) => (
                <>
                  {s.active ? 'Active' : 'Inactive'}
                  {s.awaitingOutcome > 0 && <div className="muted">{s.awaitingOutcome} awaiting an outcome</div>}
                </>
              )
            },
            {
              id: 'actions',
              header: 'Change',
              cellClassName: 'nowrap',
              cell: (s) => (
                <>
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    aria-label={`Edit ${s.name}`}
                    onClick={() => {
                      setNotice(null)
                      setEditing(editing === s.serviceId ? null : s.serviceId)
                    }}
                  >
                    Edit
                  </button>{' '}
                  <button
                    type="button"
                    className={`nhsuk-button nhsuk-button--small ${s.active ? 'nhsuk-button--warning' : 'nhsuk-button--secondary'}`}
                    aria-label={`${s.active ? 'Deactivate' : 'Reactivate'} ${s.name}`}
                    disabled={toggle.busy}
                    onClick={() => setActive(s, !s.active)}
                  >
                    {s.active ? 'Deactivate' : 'Reactivate'}
                  </button>
                </>
              )
            }
          ]}
        />
      )}
    </Card>
  )
}
