// The letters PDF as a practice prints it: read back with a PDF text extractor (pdfjs), one page
// per letter in the batch-sheet order with the right name on each page, every name printed exactly
// as recorded in the embedded Unicode font (or listed for hand-writing when the PDF cannot print its
// script), the address inside the part of the sheet a DL envelope window always shows, the
// large-print variant, and a regenerated batch that reads exactly like the original.
import { readFileSync } from 'node:fs'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { documentPath } from '../../src/main/documents/document-store'
import { ADDRESS_BOX_MM, DL_VISIBLE_AREA_MM } from '../../src/main/documents/letter-page'
import { WRITE_BY_HAND } from '../../src/main/documents/letter-fonts'
import { setContactPreferences } from '../../src/main/invitations/contact-preferences-store'
import { createInvitationBatch } from '../../src/main/invitations/invitation-service'
import { regenerateBatch } from '../../src/main/invitations/recorded-batches'
import { getPracticeSettings, updatePracticeSettings } from '../../src/main/settings/practice-settings-store'
import { createTestContext, type TestContext } from '../support/test-context'

const MM = 72 / 25.4
const A4_HEIGHT = 841.89
/** Noto Sans's vertical metrics in em (hhea ascender 1069, descender −293, units per em 1000). */
const NOTO_SANS = { ascender: 1.069, descender: 0.293 }

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
      // In mm from the sheet's top-left corner, from the top to the bottom of the line the glyphs
      // sit in: Noto Sans reaches 1.069 em above the baseline (its ascender, which its tallest glyph
      // stays under) and 0.293 em below it (its descender).
      return [
        {
          str: item.str,
          x: (item.transform[4] ?? 0) / MM,
          right: ((item.transform[4] ?? 0) + item.width) / MM,
          top: (baselineFromTop - NOTO_SANS.ascender * size) / MM,
          bottom: (baselineFromTop + NOTO_SANS.descender * size) / MM,
          size
        }
      ]
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
  {
    nhs: '9990000034',
    title: 'Ms',
    given: 'Adaeze',
    family: 'Okafor',
    address: [
      'Apartment 4012, The Very Long Named Residential Tower Building',
      'Elephant and Castle Regeneration Area',
      'Newington Butts',
      'Southwark',
      'London'
    ],
    postcode: 'SE11 4QU'
  },
  { nhs: '9990000026', title: 'Mrs', given: 'Beverley', family: 'Campbell', address: ['22 Acre Lane'], postcode: 'SW2 5SG' },
  { nhs: '9990000050', title: 'Dr', given: 'Amina', family: 'Hassan', address: ['3 Railton Road', 'Herne Hill', 'London'], postcode: 'SE24 0JN' }
]

function seedCohort(ctx: TestContext, members: readonly Person[] = people): number {
  const now = ctx.now().toISOString()
  const cohortId = Number(
    ctx.db
      .prepare(
        `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
         VALUES ('uncontrolled-hypertension', 1, 'Uncontrolled hypertension', '2026-10-31', 'qof', ?, 'Test', ?, 0, 0)`
      )
      .run(now, members.length).lastInsertRowid
  )
  for (const p of members) {
    const id = Number(
      ctx.db
        .prepare(
          `INSERT INTO patients (nhs_number, title, given_name, family_name, date_of_birth, address_lines_json, postcode, registration_status, created_at, updated_at)
           VALUES (?, ?, ?, ?, '1960-05-03', ?, ?, 'Regular', ?, ?)`
        )
        .run(p.nhs, p.title, p.given, p.family, JSON.stringify(p.address), p.postcode, now, now).lastInsertRowid
    )
    ctx.db
      .prepare(
        `INSERT INTO cohort_entries (cohort_id, patient_id, status, priority, severe, reasons_json, explanation_json) VALUES (?, ?, 'member', 'P3', 0, '[]', '{}')`
      )
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
      const block = page.items.filter(
        (item) => Math.abs(item.x - ADDRESS_BOX_MM.x) < 0.5 && item.bottom >= (nameLine?.bottom ?? 0) && item.bottom <= (postcodeLine?.bottom ?? 0)
      )
      expect(block.length).toBeGreaterThanOrEqual(person.address.length + 2)
      for (const line of block) {
        expect(line.x).toBeGreaterThanOrEqual(DL_VISIBLE_AREA_MM.left)
        expect(line.right).toBeLessThanOrEqual(DL_VISIBLE_AREA_MM.right)
        expect(line.top).toBeGreaterThanOrEqual(DL_VISIBLE_AREA_MM.top)
        expect(line.bottom).toBeLessThanOrEqual(DL_VISIBLE_AREA_MM.bottom)
      }
      // Nothing else on the page shows through the window: only the address is in that area.
      const intruders = page.items.filter(
        (item) =>
          item.right > DL_VISIBLE_AREA_MM.left &&
          item.x < DL_VISIBLE_AREA_MM.right &&
          item.bottom > DL_VISIBLE_AREA_MM.top - 11 &&
          item.top < DL_VISIBLE_AREA_MM.bottom + 11 &&
          !block.includes(item)
      )
      expect(intruders.map((item) => item.str)).toEqual([])
    })
  })

  it('prints large-print letters in their own PDF, each starting on a new page with the patient’s name', async () => {
    const cohortId = seedCohort(ctx)
    for (const nhsNumber of ['9990000018', '9990000034'])
      setContactPreferences(ctx, { nhsNumber, smsDeclined: false, largePrint: true, preferredChannel: 'any' })
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

  const pageWith = (pages: PageText[], nhsSpaced: string) => {
    const page = pages.find((p) => p.text.includes(`NHS number: ${nhsSpaced}`))
    if (!page) throw new Error(`no page for ${nhsSpaced}`)
    return page
  }
  /** Everything drawn in the envelope-window part of the sheet: left of the date column, above the first fold. */
  const windowItems = (page: PageText) => page.items.filter((item) => item.x < 104 && item.bottom < 99)
  const expectInsideWindow = (items: PageText['items']) => {
    for (const item of items) {
      expect(item.x, item.str).toBeGreaterThanOrEqual(DL_VISIBLE_AREA_MM.left)
      expect(item.right, item.str).toBeLessThanOrEqual(DL_VISIBLE_AREA_MM.right)
      expect(item.top, item.str).toBeGreaterThanOrEqual(DL_VISIBLE_AREA_MM.top)
      expect(item.bottom, item.str).toBeLessThanOrEqual(DL_VISIBLE_AREA_MM.bottom)
    }
  }

  it('prints Turkish, Polish, Greek and Cyrillic names exactly as recorded, in the embedded Noto Sans font', async () => {
    const world: Person[] = [
      { nhs: '9990000069', title: 'Mrs', given: 'Gülşen', family: 'Yıldırım', address: ['14 Green Lanes', 'Harringay', 'London'], postcode: 'N4 1AA' },
      { nhs: '9990000077', title: 'Mr', given: 'Łukasz', family: 'Żółć', address: ['Flat 2, Łódź House', 'Ealing', 'London'], postcode: 'W5 2NU' },
      { nhs: '9990000085', title: 'Mr', given: 'Νικόλαος', family: 'Παπαδόπουλος', address: ['7 Bayswater Road', 'London'], postcode: 'W2 3AA' },
      {
        nhs: '9990000093',
        title: 'Ms',
        given: 'Анастасия',
        family: 'Кузнецова',
        address: ['Квартира 5, 20 Kensington High Street', 'London'],
        postcode: 'W8 4PT'
      }
    ]
    const batch = await createInvitationBatch(ctx, { cohortId: seedCohort(ctx, world), attempt: 1, date: '2026-11-01', sms: false })
    expect(batch).toMatchObject({ letters: 4, lettersToWriteByHand: 0, warnings: [] })
    expect(batch.sheet.map((r) => r.writeByHand)).toEqual([false, false, false, false])
    const bytes = pdfOf(batch, 'letters-pdf')
    const pages = await readPdf(bytes)
    const expected: [string, string[]][] = [
      ['999 000 0069', ['Mrs Gülşen Yıldırım', 'Dear Mrs Yıldırım']],
      ['999 000 0077', ['Mr Łukasz Żółć', 'Flat 2, Łódź House', 'Dear Mr Żółć']],
      ['999 000 0085', ['Mr Νικόλαος Παπαδόπουλος', 'Dear Mr Παπαδόπουλος']],
      ['999 000 0093', ['Ms Анастасия Кузнецова', 'Квартира 5, 20 Kensington High Street', 'Dear Ms Кузнецова']]
    ]
    for (const [nhs, words] of expected) {
      const page = pageWith(pages, nhs)
      for (const w of words) expect(page.text).toContain(w)
      expect(page.text).not.toContain('?')
      expect(page.text).not.toContain(WRITE_BY_HAND)
    }
    // The font is in the file (subset, with its Unicode map), not one the reader is trusted to have.
    const raw = bytes.toString('latin1')
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/)
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Bold/)
    expect(raw).toContain('/FontFile2')
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/)
  })

  it('never prints question marks for Arabic, Hebrew, Bengali or Chinese names: still invited, blanks to write on, listed and counted', async () => {
    const others: (Person & { script: string })[] = [
      { nhs: '9990000101', title: 'Mr', given: 'محمد', family: 'علي', address: ['5 Whitechapel Road', 'London'], postcode: 'E1 1DU', script: 'Arabic' },
      { nhs: '9990000118', title: 'Mr', given: 'דוד', family: 'כהן', address: ['9 Golders Green Road', 'London'], postcode: 'NW11 8AA', script: 'Hebrew' },
      { nhs: '9990000126', title: 'Mrs', given: 'রহিম', family: 'উদ্দিন', address: ['22 Brick Lane', 'London'], postcode: 'E1 6RF', script: 'Bengali' },
      { nhs: '9990000134', title: 'Ms', given: '伟', family: '王', address: ['3 Gerrard Street', 'London'], postcode: 'W1D 5PT', script: 'Chinese' }
    ]
    const smith: Person = { nhs: '9990000142', title: 'Mrs', given: 'Jane', family: 'Smith', address: ['1 Test Street'], postcode: 'SE1 1AA' }
    const cohortId = seedCohort(ctx, [...others, smith])

    // The check before printing already says who needs hand-writing.
    const preview = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01', sms: false, preview: true })
    expect(preview).toMatchObject({ batchId: 0, letters: 5, lettersToWriteByHand: 4 })

    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01', sms: false })
    expect(batch).toMatchObject({ letters: 5, lettersToWriteByHand: 4 })
    expect(batch.warnings).toEqual([expect.stringMatching(/^4 letters have a name or address the letter PDF cannot print in full/)])
    // Every one of them is still invited and recorded.
    const recorded = ctx.db.prepare(`SELECT COUNT(*) AS n FROM invitations WHERE batch_id = ? AND channel = 'letter'`).get(batch.batchId) as { n: number }
    expect(recorded.n).toBe(5)

    const sheetCsv = pdfOf(batch, 'batch-sheet-csv').toString('utf8')
    for (const person of others) {
      const row = batch.sheet.find((r) => r.nhsNumber === person.nhs)
      expect(row, person.script).toMatchObject({ channel: 'letter', writeByHand: true })
      expect(row?.note).toBe(
        `Name or address is in ${person.script} script, which the letter cannot print: write this envelope and greeting by hand (the letter leaves a blank line for each word it cannot print), or print this letter from the Word document or the clinical system`
      )
      expect(sheetCsv).toContain(`${person.script} script, which the letter cannot print`)
    }
    expect(batch.sheet.find((r) => r.nhsNumber === smith.nhs)).toMatchObject({ writeByHand: false, note: null })

    const pages = await readPdf(pdfOf(batch, 'letters-pdf'))
    expect(pages).toHaveLength(5)
    for (const page of pages) {
      expect(page.text).not.toContain('?')
      expect(page.text).not.toMatch(/[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Bengali}\p{Script=Han}\uFFFD]/u)
    }
    const arabic = pageWith(pages, '999 000 0101')
    // The parts that print are printed, in the window; each word that cannot leaves a line to write on.
    expect(arabic.text).toContain(`Mr ${WRITE_BY_HAND} ${WRITE_BY_HAND}`)
    expect(arabic.text).toContain(`Dear Mr ${WRITE_BY_HAND}`)
    expect(windowItems(arabic).map((i) => i.str)).toEqual([`Mr ${WRITE_BY_HAND} ${WRITE_BY_HAND}`, '5 Whitechapel Road', 'London', 'E1 1DU'])
    expect(arabic.text).toContain('write the blank parts of the name and address by hand (see the batch sheet)')
    expect(pageWith(pages, '999 000 0142').text).not.toContain(WRITE_BY_HAND)
  })

  it('wraps and shrinks a very long name and address so every glyph stays inside the envelope window, standard and large print', async () => {
    // A line too wide for the window, and a word wider than the window on its own.
    const address = [
      'Apartment 4012, The Very Long Named Residential Tower Building by the Thames',
      'Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch',
      'Southwark'
    ]
    const long: Person[] = [
      { nhs: '9990000150', title: 'Dr', given: 'Maximilian-Alexander', family: 'Featherstonehaugh-Cholmondeley', address, postcode: 'SE11 4QU' },
      { nhs: '9990000166', title: 'Mrs', given: 'Wilhelmina-Philippa', family: 'Featherstonehaugh-Cholmondeley', address, postcode: 'SE11 4QU' }
    ]
    const cohortId = seedCohort(ctx, long)
    setContactPreferences(ctx, { nhsNumber: '9990000166', smsDeclined: false, largePrint: true, preferredChannel: 'any' })
    const batch = await createInvitationBatch(ctx, { cohortId, attempt: 1, date: '2026-11-01', sms: false })
    expect(batch).toMatchObject({ letters: 2, largePrint: 1, lettersToWriteByHand: 0 })
    const standard = pageWith(await readPdf(pdfOf(batch, 'letters-pdf')), '999 000 0150')
    const large = pageWith(await readPdf(pdfOf(batch, 'letters-large-print-pdf')), '999 000 0166')
    for (const [page, name] of [
      [standard, 'Dr Maximilian-Alexander Featherstonehaugh-Cholmondeley'],
      [large, 'Mrs Wilhelmina-Philippa Featherstonehaugh-Cholmondeley']
    ] as const) {
      const block = windowItems(page)
      // Wrapped onto more lines than it has, and every character of it is there, in order.
      expect(block.length).toBeGreaterThan(address.length + 2)
      const squash = (text: string) => text.replace(/\s+/g, '')
      expect(squash(block.map((i) => i.str).join(''))).toBe(squash([name, ...address, 'SE11 4QU'].join('')))
      expectInsideWindow(block)
      // Shrunk from its starting size, but not below the readable floor.
      for (const item of block) {
        expect(item.size).toBeLessThan(10.5)
        expect(item.size).toBeGreaterThanOrEqual(8)
      }
    }
  })

  it('leaves the window empty and lists the letter for hand-writing when the address cannot fit even at 8 pt', async () => {
    const endless: Person = {
      nhs: '9990000177',
      title: 'Mr',
      given: 'Kwame',
      family: 'Asante',
      address: Array.from({ length: 12 }, (_, i) => `Address line ${i + 1} of a very long imported address`),
      postcode: 'SE1 1AA'
    }
    const batch = await createInvitationBatch(ctx, { cohortId: seedCohort(ctx, [endless, people[1] as Person]), attempt: 1, date: '2026-11-01', sms: false })
    expect(batch).toMatchObject({ letters: 2, lettersToWriteByHand: 1 })
    const row = batch.sheet.find((r) => r.nhsNumber === endless.nhs)
    expect(row).toMatchObject({ channel: 'letter', writeByHand: true })
    expect(row?.note).toMatch(
      /^Address is too long for the envelope window even in small print: the letter leaves the window empty — write the envelope by hand$/
    )
    const pages = await readPdf(pdfOf(batch, 'letters-pdf'))
    expect(pages).toHaveLength(2)
    const page = pageWith(pages, '999 000 0177')
    // Nothing over the letter body, nothing half an address in the window.
    expect(windowItems(page)).toEqual([])
    expect(page.text).not.toContain('Address line')
    expect(page.text).toContain('Dear Mr Asante')
    expect(page.text).toContain('address too long for the window: write the envelope by hand')
    // The other patient's letter is untouched.
    expect(windowItems(pageWith(pages, '999 000 0018')).map((i) => i.str)).toEqual(['Mr Kwame Mensah', '1 Test Street', 'London', 'SE1 1AA'])
  })
})
