import { useState } from 'react'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useLoad } from '../../components/use-load'
import { formatUkDate } from '../../format/uk-date'
import { ClinicDetailView } from './clinic-detail-view'
import { CreateClinicForm } from './create-clinic-form'

export function ClinicsScreen() {
  const clinics = useLoad(() => api['clinics.list']({}), [])
  const [openId, setOpenId] = useState<number | null>(null)
  const list = clinics.data?.clinics ?? []

  return (
    <div className="screen">
      <h1>Clinics</h1>
      <CreateClinicForm
        onCreated={(clinicId) => {
          clinics.reload()
          setOpenId(clinicId)
        }}
      />
      <Card title="Clinic sessions">
        <ErrorAlert message={clinics.error} />
        {clinics.loading && !clinics.data && <p className="muted">Loading…</p>}
        {clinics.data && list.length === 0 && <p>No clinics yet. Create one above.</p>}
        {list.length > 0 && (
          <div className="table-wrap">
            <table className="table" aria-label="Clinic sessions">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Start</th>
                  <th scope="col">Type</th>
                  <th scope="col">Clinician</th>
                  <th scope="col">Location</th>
                  <th scope="col">Slots</th>
                  <th scope="col">Booked</th>
                  <th scope="col">Attended</th>
                  <th scope="col">Did not attend</th>
                  <th scope="col">
                    <span className="visually-hidden">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((clinic) => (
                  <tr key={clinic.clinicId} className={clinic.clinicId === openId ? 'row-selected' : undefined}>
                    <td className="nowrap">{formatUkDate(clinic.date)}</td>
                    <td>{clinic.start}</td>
                    <td>{clinic.type}</td>
                    <td>{clinic.clinician ?? '—'}</td>
                    <td>{clinic.location ?? '—'}</td>
                    <td>
                      {clinic.slots} × {clinic.slotMinutes} min
                    </td>
                    <td>{clinic.booked}</td>
                    <td>{clinic.attended}</td>
                    <td>{clinic.didNotAttend}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={`Open clinic ${clinic.type} on ${formatUkDate(clinic.date)}`}
                        onClick={() => setOpenId(clinic.clinicId)}
                      >
                        Open
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {openId !== null && <ClinicDetailView key={openId} clinicId={openId} onChanged={clinics.reload} />}
    </div>
  )
}
