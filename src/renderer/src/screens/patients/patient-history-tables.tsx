// The patient's history with the programmes, one table each: invitations sent, appointments (every
// status), follow-ups proposed after visits, and referrals to local services.
import { localServiceCategoryLabels, referralKindLabels, referralOutcomeLabels } from '../../../../shared/domain/local-services'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { formatUkDate, formatUkDateTime } from '../../format/uk-date'
import type { PatientAppointment, PatientFollowUp, PatientInvitation, PatientReferral } from './patient-page-data'

const channelNames = { letter: 'Letter', sms: 'SMS', phone: 'Phone call' } as const

const appointmentStatusLabels: Record<PatientAppointment['status'], string> = {
  booked: 'Booked',
  attended: 'Attended',
  'did-not-attend': 'Did not attend',
  cancelled: 'Cancelled'
}

const followUpStatusLabels: Record<PatientFollowUp['status'], string> = { due: 'Due', done: 'Done', cancelled: 'Cancelled' }

export function PatientInvitationsTable({ invitations }: { invitations: readonly PatientInvitation[] }) {
  return (
    <Card title="Invitations">
      <DataTable<PatientInvitation>
        label="Invitations sent to the patient"
        rows={invitations}
        rowKey={(i) => i.invitationId}
        empty={<p>No invitation has been sent to this patient from Clinic Recall.</p>}
        columns={[
          { id: 'sentOn', header: 'Sent', cell: (i) => formatUkDate(i.sentOn), cellClassName: 'nowrap', sortValue: (i) => i.sentOn },
          { id: 'attempt', header: 'Invitation', cell: (i) => `${i.attempt} of 3`, numeric: true, sortValue: (i) => i.attempt },
          { id: 'channel', header: 'By', cell: (i) => channelNames[i.channel] },
          { id: 'programme', header: 'Programme', cell: (i) => i.programme ?? '—', sortValue: (i) => i.programme },
          { id: 'cohort', header: 'From cohort', cell: (i) => `${i.cohortName} (#${i.cohortId}), batch ${i.batchId}` }
        ]}
      />
    </Card>
  )
}

export function PatientAppointmentsTable({ appointments }: { appointments: readonly PatientAppointment[] }) {
  return (
    <Card title="Appointments">
      <DataTable<PatientAppointment>
        label="The patient's appointments"
        rows={appointments}
        rowKey={(a) => a.appointmentId}
        rowClassName={(a) => (a.status === 'cancelled' ? 'row-muted' : undefined)}
        empty={<p>No appointment has been booked for this patient.</p>}
        columns={[
          {
            id: 'date',
            header: 'Clinic',
            cell: (a) => `${formatUkDate(a.date)} ${a.start}`,
            cellClassName: 'nowrap',
            sortValue: (a) => `${a.date} ${a.start}`
          },
          {
            id: 'type',
            header: 'Clinic type',
            cell: (a) => [a.clinicType, a.clinician, a.location].filter(Boolean).join(', '),
            sortValue: (a) => a.clinicType
          },
          { id: 'programme', header: 'Programme', cell: (a) => a.programme ?? '—' },
          {
            id: 'status',
            header: 'Status',
            cell: (a) => <span className={`status status-${a.status}`}>{appointmentStatusLabels[a.status]}</span>,
            sortValue: (a) => a.status
          },
          { id: 'booked', header: 'Booked', cell: (a) => `${formatUkDateTime(a.bookedAt)} by ${a.bookedBy}` }
        ]}
      />
    </Card>
  )
}

export function PatientFollowUpsTable({ followUps }: { followUps: readonly PatientFollowUp[] }) {
  return (
    <Card title="Follow-ups">
      <DataTable<PatientFollowUp>
        label="Follow-ups proposed after the patient's visits"
        rows={followUps}
        rowKey={(f, index) => `${f.appointmentId}-${index}`}
        empty={<p>No follow-up has been proposed.</p>}
        columns={[
          { id: 'due', header: 'Due', cell: (f) => formatUkDate(f.dueOn), cellClassName: 'nowrap', sortValue: (f) => f.dueOn },
          { id: 'status', header: 'Status', cell: (f) => followUpStatusLabels[f.status], sortValue: (f) => f.status },
          { id: 'reason', header: 'Why', cell: (f) => f.reason }
        ]}
      />
    </Card>
  )
}

export function PatientReferralsTable({ referrals }: { referrals: readonly PatientReferral[] }) {
  return (
    <Card title="Referrals">
      <DataTable<PatientReferral>
        label="Referrals to local services"
        rows={referrals}
        rowKey={(r) => r.referralId}
        empty={<p>No referral or signposting has been recorded.</p>}
        columns={[
          { id: 'date', header: 'Date', cell: (r) => formatUkDate(r.referredOn), cellClassName: 'nowrap', sortValue: (r) => r.referredOn },
          { id: 'service', header: 'Service', cell: (r) => `${r.service} (${localServiceCategoryLabels[r.category]})`, sortValue: (r) => r.service },
          { id: 'kind', header: 'How', cell: (r) => referralKindLabels[r.kind] },
          {
            id: 'outcome',
            header: 'Outcome',
            cell: (r) => (r.outcome ? `${referralOutcomeLabels[r.outcome]}${r.outcomeOn ? `, ${formatUkDate(r.outcomeOn)}` : ''}` : 'No outcome yet')
          },
          { id: 'by', header: 'By', cell: (r) => r.referredBy }
        ]}
      />
    </Card>
  )
}
