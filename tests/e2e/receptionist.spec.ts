// The receptionist's invitation round in a real browser against the real services (browser mode):
// import the month's export, build the cohort, send the 1st invitations (letters PDF + Word, SMS
// upload CSV, batch sheet with interpreter needs), book a patient who then does not attend, send the
// 2nd invitations 14 days after the 1st, and find the non-responders with the SNOMED codes to record.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { docxParts, practiceWordTemplate } from '../support/docx-text'
import { expect, test } from './support/clinic-recall-host'
import { isoDaysFromToday, writeExport } from './support/recall-export'
import { navigate, screenshotter } from './support/screens'

const snap = screenshotter('receptionist-')

test('a receptionist sends the 1st and 2nd invitation rounds and finds the non-responders with codes to record', async ({ page, freshHost: host }) => {
  const exportPath = writeExport(host.workDir)
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  const firstDate = isoDaysFromToday(-21)
  const secondDate = isoDaysFromToday(-7)

  await test.step('sign in as reception, import the export and build the cohort', async () => {
    await page.goto(host.url)
    await page.getByLabel('Your name').fill('Rita Reception')
    await page.getByLabel(/^Admin \/ reception/).check()
    await page.getByRole('button', { name: 'Sign in' }).click()
    await navigate(page, 'Settings')
    await page.getByLabel('Practice name').fill('Riverside Medical Practice')
    await page.getByLabel('Practice address (one line per row)').fill('1 River Road\nLondon SE1 1AA')
    await page.getByLabel('Phone').fill('020 7946 0000')
    await page.getByLabel('Letters signed by').fill('Amara Okoye, Practice Pharmacist')
    await page.getByLabel('How to book').fill('Please call us on 020 7946 0000 to book your blood pressure review.')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect(page.getByText('Settings saved.')).toBeVisible()
    await navigate(page, 'Import')
    await page.getByLabel('Export files').setInputFiles(exportPath)
    await page.getByRole('button', { name: 'Preview import' }).click()
    await page.getByRole('button', { name: /^Import \d+ patients?$/ }).click()
    await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()
    await navigate(page, 'Cohorts')
    await page.getByLabel('Cohort definition').selectOption('uncontrolled-hypertension')
    await page.getByRole('button', { name: 'Build and save cohort' }).click()
    await expect(page.getByRole('tab', { name: 'Members (5)' })).toBeVisible()
  })

  await test.step('record that Jane Smith declined SMS and needs large print', async () => {
    await navigate(page, 'Invitations')
    const card = page.getByRole('region', { name: 'Contact preferences' })
    await card.getByLabel('NHS number').fill('999 100 0003')
    await card.getByRole('button', { name: 'Find patient' }).click()
    await card.getByLabel('Declined SMS').check()
    await card.getByLabel('Needs large print').check()
    await card.getByRole('button', { name: 'Save preferences' }).click()
    await expect(card.getByRole('status')).toContainText('Preferences saved')
  })

  await test.step("upload the practice's Word letter; a mistyped merge field is refused by name", async () => {
    const word = page.getByRole('region', { name: 'Practice Word template' })
    const bad = join(host.workDir, 'typo.docx')
    writeFileSync(bad, practiceWordTemplate(['{greeting}', '{firstname}']))
    await word.getByLabel('Word template (.docx)').setInputFiles(bad)
    await word.getByRole('button', { name: 'Upload Word template' }).click()
    await expect(word.getByRole('alert')).toContainText('typo.docx: unknown merge field {firstname}')
    const good = join(host.workDir, 'riverside-letter.docx')
    writeFileSync(
      good,
      practiceWordTemplate([
        '{addressBlock}',
        '{letterDate}',
        'NHS number: {nhsNumber}',
        '{letterTitle}',
        '{greeting}',
        '{letterBody}',
        'Yours sincerely',
        '{signatory}'
      ])
    )
    await word.getByLabel('Word template (.docx)').setInputFiles(good)
    await word.getByRole('button', { name: 'Upload Word template' }).click()
    await expect(page.getByRole('region', { name: 'Practice Word template' }).getByRole('status')).toContainText('In use: riverside-letter.docx')
    await navigate(page, 'Cohorts')
    await page.getByRole('region', { name: 'Previous cohorts' }).getByRole('button', { name: 'Open' }).first().click()
    await expect(page.getByRole('tab', { name: 'Members (5)' })).toBeVisible()
  })

  await test.step('1st invitations: SMS for mobiles, letters for the rest, batch sheet with needs', async () => {
    await page.getByLabel('Invitation attempt').selectOption('1')
    await page.getByLabel('Letter date').fill(firstDate)
    await page.getByRole('button', { name: 'Check who gets what' }).click()
    await expect(page.getByRole('status').filter({ hasText: /^Check only/ })).toContainText('3 letters (1 large print), 2 SMS, 0 to phone and 0 not invited')
    await page.getByRole('button', { name: 'Create invitation letters' }).click()
    await expect(page.getByRole('status').filter({ hasText: /^Batch #1/ })).toContainText('3 letters (1 large print), 2 SMS messages')
    const sheet = page.getByRole('table', { name: 'Batch sheet' })
    await expect(sheet.getByRole('row').filter({ hasText: 'Chinedu OKAFOR' })).toContainText('Interpreter (Igbo)')
    await expect(sheet.getByRole('row').filter({ hasText: 'Anita PATEL' })).toContainText('07700900004')
    await expect(page.getByLabel('SMS length')).toContainText(/^\d{2,3} of 160 characters/)
    await expect(sheet.getByRole('row').filter({ hasText: 'Jane SMITH' })).toContainText('Large-print letter')
    await expect(sheet.getByRole('row').filter({ hasText: 'Jane SMITH' })).toContainText('Declined SMS')
    await expect(page.getByRole('link', { name: 'Download large-print letters PDF' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Download letters (Word)' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Download batch sheet (CSV)' })).toBeVisible()
    await page.getByRole('region', { name: 'Invite this cohort' }).scrollIntoViewIfNeeded()
    await snap(page, '01-first-invitations')
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download letters PDF' }).click()])
    expect(pdf.suggestedFilename()).toMatch(/attempt-1.*\.pdf$/)
    const [sms] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download SMS list (CSV)' }).click()])
    const smsPath = join(host.workDir, 'sms.csv')
    await sms.saveAs(smsPath)
    const smsCsv = readFileSync(smsPath, 'utf8')
    expect(smsCsv).toContain('NHS Number,EMIS number,Telecom Number,Date of Birth,First Name,Last Name')
    expect(smsCsv).toContain('9991237577,1004,07700900004,12/03/1958,Anita,Patel')
    expect(smsCsv).not.toContain('9990001006')
    const [word] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download letters (Word)' }).click()])
    const wordPath = join(host.workDir, 'letters.docx')
    await word.saveAs(wordPath)
    const letters = docxParts(readFileSync(wordPath))
    expect(letters.headers).toContain('Riverside Medical Practice — Letterhead')
    expect(letters.body).toContain('Dear Mr Brown')
    expect(letters.body).toContain('Dear Mr Okafor')
    expect(letters.body).not.toMatch(/[{}]/)
  })

  await test.step('book Tom Brown into a clinic; he does not attend', async () => {
    await navigate(page, 'Clinics')
    await page.getByLabel('Clinic type').fill('Hypertension review (pharmacist)')
    await page.getByLabel('Date', { exact: true }).fill(isoDaysFromToday(0))
    await page.getByLabel('Number of slots').fill('4')
    await page.getByRole('button', { name: 'Create clinic' }).click()
    await expect(page.getByText(/Clinic created/)).toBeVisible()
    await page.getByLabel('NHS number').fill('999 000 1006')
    await page.getByRole('button', { name: 'Book appointment' }).click()
    await expect(page.getByText(/^Booked 999 000 1006 at \d{2}:\d{2}\.$/)).toBeVisible()
    await page.getByRole('button', { name: /^Did not attend: .*Brown/i }).click()
    // Asked first, in the row, naming the patient and the time.
    const confirm = page.getByRole('group', { name: /^Mark Tom BROWN as did not attend the \d{2}:\d{2} appointment\?$/ })
    await confirm.getByRole('button', { name: 'Yes' }).click()
    const slots = page.getByRole('table', { name: 'Clinic slots' })
    await expect(slots.getByRole('row').filter({ hasText: /Brown/i })).toContainText('Did not attend')
    await snap(page, '02-dna')
  })

  await test.step('2nd invitations 14 days after the 1st, with the reminder template', async () => {
    // The 2nd round goes to the same cohort snapshot as the 1st (a rebuilt cohort leaves out the recently invited).
    await navigate(page, 'Cohorts')
    await page
      .getByRole('region', { name: 'Previous cohorts' })
      .getByRole('row')
      .filter({ hasText: 'Uncontrolled hypertension' })
      .getByRole('button', { name: 'Open' })
      .click()
    await expect(page.getByRole('tab', { name: 'Members (5)' })).toBeVisible()
    await page.getByLabel('Invitation attempt').selectOption('2')
    await expect(page.getByLabel('Letter template')).toContainText('Default: 2nd invitation')
    await page.getByLabel('Letter date').fill(secondDate)
    await page.getByRole('button', { name: 'Create invitation letters' }).click()
    const done = page.getByRole('status').filter({ hasText: /^Batch #2/ })
    await expect(done).toContainText('2nd invitation')
    await expect(done).toContainText('2nd invitation” version 1')
    await snap(page, '03-second-invitations')
  })

  await test.step('non-responders with the codes to record, and the exact letters regenerated', async () => {
    await navigate(page, 'Invitations')
    const nonResponders = page.getByRole('table', { name: 'Non-responders' })
    const brown = nonResponders.getByRole('row').filter({ hasText: /Tom BROWN/i })
    await expect(brown).toContainText('185719002')
    await expect(brown).toContainText('185720008')
    await expect(brown).toContainText('Hypertension monitoring second letter')
    const patel = nonResponders.getByRole('row').filter({ hasText: /Anita PATEL/i })
    await expect(patel).toContainText('1066961000000103')
    await snap(page, '04-non-responders')
    const batches = page.getByRole('table', { name: 'Invitation batches' })
    await batches.getByRole('button', { name: 'Regenerate documents' }).first().click()
    await expect(batches.getByText('Regenerated: identical, byte for byte, to the documents sent.')).toBeVisible()
  })

  await test.step('record that Anita Patel must not be contacted: she is left out of the next batch', async () => {
    const card = page.getByRole('region', { name: 'Contact preferences' })
    await card.getByLabel('NHS number').fill('999 123 7577')
    await card.getByRole('button', { name: 'Find patient' }).click()
    await card.getByLabel(/^No contact permitted/).check()
    await card.getByRole('button', { name: 'Save preferences' }).click()
    await expect(card.getByRole('status')).toContainText('Saved: no contact permitted.')
    await card.scrollIntoViewIfNeeded()
    await snap(page, '06-no-contact-permitted')
    await navigate(page, 'Cohorts')
    await page
      .getByRole('region', { name: 'Previous cohorts' })
      .getByRole('row')
      .filter({ hasText: 'Uncontrolled hypertension' })
      .getByRole('button', { name: 'Open' })
      .click()
    await page.getByLabel('Invitation attempt').selectOption('3')
    await page.getByLabel('Letter date').fill(isoDaysFromToday(0))
    await page.getByRole('button', { name: 'Check who gets what' }).click()
    const sheet = page.getByRole('table', { name: 'Batch sheet' })
    await expect(sheet.getByRole('row').filter({ hasText: 'Anita PATEL' })).toContainText('Cannot be contacted: no contact permitted')
    await snap(page, '07-batch-sheet-no-contact')
    await navigate(page, 'Invitations')
  })

  await test.step('edit the reminder wording and see the live preview', async () => {
    await page.getByLabel('Template', { exact: true }).selectOption('second-invitation')
    await page.getByLabel('Title', { exact: true }).fill('Reminder: your blood pressure review')
    const preview = page.getByRole('article', { name: 'Letter preview' })
    await expect(preview).toContainText('Reminder: your blood pressure review')
    await expect(preview).toContainText('Dear Mrs Sample')
    await page.getByRole('button', { name: 'Save as a new version' }).click()
    await expect(page.getByText(/^Saved as version 2\./)).toBeVisible()
    await page.getByRole('region', { name: 'Letter templates' }).scrollIntoViewIfNeeded()
    await snap(page, '05-template-editor')
  })

  expect(pageErrors).toEqual([])
})
