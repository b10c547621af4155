// The month's export a receptionist imports: five hypertensive patients with raised readings 40 days
// ago — three with mobiles (SMS), two without (letters), one needing an Igbo interpreter — in EMIS
// Web's events layout. Shared by the journeys that start from an invitation round.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

export function isoDaysFromToday(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

function emisDate(iso: string): string {
  const [y, m, d] = iso.split('-')
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  return `${d}-${months[Number(m) - 1]}-${y}`
}

/** Five hypertensive patients with raised readings: three with mobiles, two without (letters). */
export function writeExport(dir: string): string {
  const read = emisDate(isoDaysFromToday(-40))
  const header =
    '"NHS Number","EMIS Number","Title","Family Name","Calling Name","Date of Birth","Gender","Ethnicity","House Name / Flat Number","Number and Street","Town","Postcode","Mobile Telephone","Main Language","Interpreter Required","Date","Code","Code Term","Value"'
  const patient = (
    nhs: string,
    emis: string,
    title: string,
    family: string,
    given: string,
    street: string,
    postcode: string,
    mobile: string,
    language: string,
    interpreter: string
  ) => [
    `${nhs},${emis},${title},${family},${given},12-Mar-1958,${title === 'Mr' ? 'M' : 'F'},Black African,,${street},London,${postcode},${mobile},${language},${interpreter},12-Jan-2020,59621000,Essential hypertension,`,
    `,,,,,,,,,,,,,,,${read},271649006,Systolic blood pressure,156`,
    `,,,,,,,,,,,,,,,${read},271650006,Diastolic blood pressure,96`
  ]
  const lines = [
    'Report Name:,Hypertension BP recall list,',
    'Run Date:,12-Nov-2026,',
    ',,',
    header,
    ...patient('999 100 0003', '1001', 'Mrs', 'SMITH', 'Jane', '1 Acre Lane', 'SW2 5SG', '07700 900001', 'English', 'No'),
    ...patient('999 000 1006', '1002', 'Mr', 'BROWN', 'Tom', '2 Brixton Road', 'SW9 6BU', '', 'English', 'No'),
    ...patient('999 115 8383', '1003', 'Mr', 'OKAFOR', 'Chinedu', '3 Coldharbour Lane', 'SE5 9NR', '', 'Igbo', 'Yes'),
    ...patient('999 123 7577', '1004', 'Ms', 'PATEL', 'Anita', '4 Denmark Hill', 'SE5 8RS', '+44 7700 900004', 'Gujarati', 'No'),
    ...patient('999 000 0018', '1005', 'Mrs', 'MENSAH', 'Ama', '5 Effra Road', 'SW2 1BZ', '07700 900005', 'English', 'No')
  ]
  const path = join(dir, 'emis-hypertension-recall.csv')
  writeFileSync(path, `${lines.join('\r\n')}\r\n`)
  return path
}
