// The letters PDF as a practice prints it (issue #5 items 2 and 9): read back with a PDF text
// extractor (pdfjs), one page per letter in the batch-sheet order with the right name on each page,
// the address inside the part of the sheet a DL envelope window always shows, the large-print
// variant, and a regenerated batch that reads exactly like the original.
import { readFileSync } from 'node:fs'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { documentPath } from '../../src/main/documents/document-store'
import { ADDRESS_BOX_MM, DL_VISIBLE_AREA_MM } from '../../src/main/documents/invitation-letters-pdf'
import { setContactPreferences } from '../../src/main/invitations/contact-preferences-store'
import { createInvitationBatch, regenerateBatch } from '../../src/main/invitations/invitation-service'
import { getPracticeSettings, updatePracticeSettings } from '../../src/main/settings/practice-settings-store'
import { createTestContext, type TestContext } from '../support/test-context'

const MM = 72 / 25.4
const A4_HEIGHT = 841.89

interface PageText {
  text: string
  items: { str: string; x: number; top: number; bottom: number; right: number; size: number }[]
}

async function readPdf(bytes: Uint8Array): Promise<PageText[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise
  const pages: PageText[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent()
    const items = content.items.flatMap((item) => {
      if (!('str' in item) || item.str.trim() === '') return []
      const size = Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0)
      const baselineFromTop = A4_HEIGHT - (item.transform[5] ?? 0)
      // In mm from the sheet's top-left corner. Helvetica's tallest glyphs reach 0.718 em above the
      // baseline (its AFM "Ascender 718"); 0.8 em is used to be safe. Descenders are ignored below.
      return [{ str: item.str, x: (item.transform[4] ?? 0) / MM, right: ((item.transform[4] ?? 0) + item.width) / MM, top: (baselineFromTop - 0.8 * size) / MM, bottom: baselineFromTop / MM, size }]
    })
    pages.push({ text: items.map((i) => i.str).join(' '), items })
  }
  return pages
}

interface Person {
  nhs: string
  title: string
  given: string
  family: string
  address: string[]
  postcode: string
}

// Given in a jumbled order: the PDF is in family-name order, like the batch sheet.
const people: Person[] = [
  { nhs: '9990000042', title: 'Mr', given: 'Winston', family: 'Brown', address: ['Flat 12, Tulse Hill Estate', 'Brixton', 'London'], postcode: 'sw2 2et' },
  { nhs: '9990000018', title: 'Mr', given: 'Kwame', family: 'Mensah', address: ['1 Test Street', 'London'], postcode: 'SE1 1AA' },
  { nhs: '9990000034', title: 'Ms', given: 'Adaeze', family: 'Okafor', address: ['Apartment 4012, The Very Long Named Residential Tower Building', 'Elephant and Castle Regeneration Area', 'Newington Butts', 'Southwark', 'London'], postcode: 'SE11 4QU' },
  { nhs: '9990000026', title: 'Mrs', given: 'Beverley', family: 'Campbell', address: ['22 Acre Lane'], postcode: 'SW2 5SG' },
  { nhs: '9990000050', title: 'Dr', given: 'Amina', family: 'Hassan', address: ['3 Railton Road', 'Herne Hill', 'London'], postcode: 'SE24 0JN' }
]

function seedCohort(ctx: TestContext): number {
  const now = ctx.now().toISOString()
  const cohortId = Number(
    ctx.db
      .prepare(
        `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
         VALUES ('uncontrolled-hypertension', 1, 'Uncontrolled hypertension', '2026-10-31', 'qof', ?, 'Test', ?, 0, 0)`
      )
      .run(now, people.length).lastInsertRowid
  )
  for (const p of people) {
    const id = Number(
      ctx.db
        .prepare(
          `INSERT INTO patients (nhs_number, title, given_name, family_name, date_of_birth, address_lines_json, postcode, registration_status, created_at, updated_at)
           VALUES (?, ?, ?, ?, '1960-05-03', ?, ?, 'Regular', ?, ?)`
        )
        .run(p.nhs, p.title, p.given, p.family, JSON.stringify(p.address), p.postcode, now, now).lastInsertRowid
    )
    ctx.db
      .prepare(`INSERT INTO cohort_entries (cohort_id, patient_id, status, priority, severe, reasons_json, explanation_json) VALUES (?, ?, 'member', 'P3', 0, '[]', '{}')`)
      .run(cohortId, id)
  }
  return cohortId
}

describe('letters PDF read back with a PDF text extractor', () => {
  let ctx: TestContext
  beforeEach(() => {
    ctx = createTestContext({ now: '2026-11-01T10:00:00Z' })
    updatePracticeSettings(ctx, {
      ...getPracticeSettings(ctx),
      practiceName: 'Riverside Medical Practice',
      addressLines: ['1 River Road', 'London SE1 1AA'],
      phone: '020 7946 0000',
      bookingInstructions: 'Please call us on 020 7946 0000 to book.',
      signatory: 'Practice Pharmacist'
    })
  })
  afterEach(() => ctx.cleanup())

  const pdfOf = (batch: { files: { kind: string; fileId: number }[] }, kind: string) => {
    const file = batch.files.find((f) => f.kind === kind)
    if (!file) throw new Error(`no ${kind} file`)
    return readFileSync(documentPath(ctx, file.fileId))
  }

  it('has one page per letter, in batch-sheet order, each with its own patient’s name, NHS number and address', async () => {
    const batch = await createInvitationBatch(ctx, { cohortId: seedCohort(ctx), attempt: 1, date: '2026-11-01', sms: false })
    expect(batch.letters).toBe(people.length)
    const pages = await readPdf(pdfOf(batch, 'letters-pdf'))
    expect(pages).toHaveLength(batch.letters)
    const expected = [
      ['Dear Mr Brown', '999 000 0042', 'SW2 2ET'],
      ['Dear Mrs Campbell', '999 000 0026', 'SW2 5SG'],
      ['Dear Dr Hassan', '999 000 0050', 'SE24 0JN'],
      ['Dear Mr Mensah', '999 000 0018', 'SE1 1AA'],
      ['Dear Ms Okafor', '999 000 0034', 'SE11 4QU']
    ]
    expect(batch.sheet.map((r) => r.name)).toEqual(['Winston Brown', 'Beverley Campbell', 'Amina Hassan', 'Kwame Mensah', 'Adaeze Okafor'])
    pages.forEach((page, i) => {
      for (const words of expected[i] ?? []) expect(page.text).toContain(words)
      // Nobody else's name is on the page.
      for (const other of people.filter((p) => !(expected[i]?.[0] ?? '').endsWith(p.family))) expect(page.text).not.toContain(other.family)
    })
  })

  it('places every address line where a DL window envelope shows it, however the folded sheet sits', async () => {
    // The always-visible area follows from the envelope and window sizes: x 20–100 mm, y 50–84 mm.
    expect(DL_VISIBLE_AREA_MM).toEqual({ left: 20, right: 100, top: 50, bottom: 84 })
    const batch = await createInvitationBatch(ctx, { cohortId: seedCohort(ctx), attempt: 1, date: '2026-11-01', sms: false })
    const pages = await readPdf(pdfOf(batch, 'letters-pdf'))
    pages.forEach((page, i) => {
      const person = [...people].sort((a, b) => a.family.localeCompare(b.family))[i]
      if (!person) throw new Error('page without a person')
      const nameLine = page.items.find((item) => item.str === `${person.title} ${person.given} ${person.family}`)
      const postcodeLine = page.items.find((item) => item.str === person.postcode.toUpperCase())
      expect(nameLine, `name line on page ${i + 1}`).toBeDefined()
      expect(postcodeLine, `postcode line on page ${i + 1}`).toBeDefined()
      // Every line of the block, from the name to the postcode (long lines wrap inside the box).
      const block = page.items.filter((item) => Math.abs(item.x - ADDRESS_BOX_MM.x) < 0.5 && item.bottom >= (nameLine?.bottom ?? 0) && item.bottom <= (postcodeLine?.bottom ?? 0))
      expect(block.length).toBeGreaterThanOrEqual(person.address.length + 2)
      for (const line of block) {
        expect(line.x).toBeGreaterThanOrEqual(DL_VISIBLE_AREA_MM.left)
        expect(line.right).toBeLessThanOrEqual(DL_VISIBLE_AREA_MM.right)
        expect(line.top).toBeGreaterThanOrEqual(DL_VISIBLE_AREA_MM.top)
        expect(line.bottom).toBeLessThanOrEqual(DL_VISIBLE_AREA_MM.bottom)
      }
      // Nothing else on the page shows through the window: only the address is in that area.
      const intruders = page.items.filter((item) => item.right > DL_VISIBLE_AREA_MM.left && item.x < DL_VISIBLE_AREA_MM.right && item.bottom > DL_VISIBLE_AREA_MM.top - 11 && item.top < DL_VISIBLE_AREA_MM.bottom + 11 && !block.includes(item))
      expect(intruders.map((item) => item.str)).toEqual([])
    })
  })

  it('prints large-print letters in their own PDF, each starting on a new page with the patient’s name', async () => {
    const cohortId = seedCohort(ctx)
    for (const nhsNumber of ['9990000018', '9990000034']) setContactPreferences(ctx, { nhsNumber, smsDeclined: false, largePrint: true, preferredChannel: 'any' })
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01', sms: false })
    expect(batch).toMatchObject({ letters: 5, largePrint: 2 })
    expect(await readPdf(pdfOf(batch, 'letters-pdf'))).toHaveLength(3)
    const large = await readPdf(pdfOf(batch, 'letters-large-print-pdf'))
    const starts = large.map((p, i) => ({ i, greeting: /Dear (Mr Mensah|Ms Okafor)/.exec(p.text)?.[0] })).filter((p) => p.greeting)
    expect(starts.map((s) => s.greeting)).toEqual(['Dear Mr Mensah', 'Dear Ms Okafor'])
    // Body text at 16 pt or more (RNIB clear print), address in the window like the standard letter.
    const body = large[0]?.items.find((item) => item.str.startsWith('Dear Mr Mensah'))
    expect(body?.size).toBeGreaterThanOrEqual(16)
    const name = large[0]?.items.find((item) => item.str === 'Mr Kwame Mensah')
    expect(name?.x).toBeCloseTo(ADDRESS_BOX_MM.x, 1)
    expect(name?.top).toBeGreaterThanOrEqual(DL_VISIBLE_AREA_MM.top)
  })

  it('regenerates the batch with exactly the same text on every page, even after the records change', async () => {
    const batch = await createInvitationBatch(ctx, { cohortId: seedCohort(ctx), attempt: 1, date: '2026-11-01', sms: false })
    const original = (await readPdf(pdfOf(batch, 'letters-pdf'))).map((p) => p.text)
    ctx.db.prepare(`UPDATE patients SET address_lines_json = '["99 New Street"]', family_name = 'Changed'`).run()
    updatePracticeSettings(ctx, { ...getPracticeSettings(ctx), practiceName: 'Renamed Practice', signatory: 'Someone Else' })
    const again = await regenerateBatch(ctx, batch.batchId)
    const regeneratedPdf = again.files.find((f) => f.kind === 'letters-pdf-regenerated')
    expect(regeneratedPdf?.matchesOriginal).toBe(true)
    const regenerated = (await readPdf(readFileSync(documentPath(ctx, regeneratedPdf?.fileId ?? -1)))).map((p) => p.text)
    expect(regenerated).toEqual(original)
    expect(regenerated.join(' ')).not.toContain('Changed')
  })
})
