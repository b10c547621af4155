// The named parts of a workbook's zip, unpacked as a stream with every real byte counted. The zip
// directory's sizes are the writer's claims and a zip bomb lies in them, so they are never used
// to decide anything but where the compressed bytes lie; the limits count what inflating
// actually produces, and stop the moment a part or the whole file passes them.
import type { Inflate } from 'fflate'
import { loadOnFirstUse } from '../../../load-on-first-use'
import { AppError } from '../../../../shared/result'
import { type WorkbookLimits } from './workbook-limits'
import { damagedWorkbook, workbookOverLimit } from './workbook-refusals'

interface ZipEntry {
  name: string
  flags: number
  method: number
  compressedSize: number
  localHeaderOffset: number
}

const endOfDirectorySignature = 0x06054b50
const zip64EndOfDirectorySignature = 0x06064b50
const zip64LocatorSignature = 0x07064b50
const directoryEntrySignature = 0x02014b50
const localHeaderSignature = 0x04034b50
const stored = 0
const deflated = 8
/** Compressed bytes fed to the inflater at a time: deflate expands at most ~1,032×, so one push yields at most ~17 MB. */
const inflateInputSlice = 16 * 1024
/** A stored (uncompressed) part is handed on in slices of this size. */
const storedSlice = 1024 * 1024

/** Part names are case-insensitive in a workbook package, and some writers use backslashes. */
const partKey = (name: string) => name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase()

export class WorkbookZip {
  private bytesRead = 0

  private constructor(
    readonly fileName: string,
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    readonly limits: WorkbookLimits,
    private readonly entries: Map<string, ZipEntry>
  ) {}

  /** Lists the zip's directory; a file that is not a whole zip is refused as damaged. */
  static open(fileName: string, bytes: Uint8Array, limits: WorkbookLimits): WorkbookZip {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const entries = readDirectory(fileName, bytes, view, limits)
    return new WorkbookZip(fileName, bytes, view, limits, entries)
  }

  has(partName: string): boolean {
    return this.entries.has(partKey(partName))
  }

  /**
   * Hands the part's real bytes to `onChunk`, in order. The part is first inflated once only to
   * count its bytes (inflating is several times faster than parsing XML), so a bomb is refused in
   * seconds whatever it holds, before any of it is parsed or kept.
   */
  read(partName: string, onChunk: (chunk: Uint8Array) => void): void {
    const entry = this.entries.get(partKey(partName))
    if (!entry) throw damagedWorkbook(this.fileName, { missingPart: partName })
    const data = this.compressedData(entry)
    let size = 0
    this.inflate(entry, data, (chunk) => {
      size += chunk.length
      if (size > this.limits.maxPartBytes) throw workbookOverLimit(this.fileName, 'maxPartBytes', this.limits)
      if (this.bytesRead + size > this.limits.maxTotalBytes) throw workbookOverLimit(this.fileName, 'maxTotalBytes', this.limits)
    })
    this.bytesRead += size
    let again = 0
    this.inflate(entry, data, (chunk) => {
      again += chunk.length
      // The same bytes inflate the same way; this only guards the count above.
      if (again > size) throw damagedWorkbook(this.fileName, { part: partName })
      onChunk(chunk)
    })
  }

  private compressedData(entry: ZipEntry): Uint8Array {
    const at = entry.localHeaderOffset
    if (at + 30 > this.bytes.length || this.view.getUint32(at, true) !== localHeaderSignature) throw damagedWorkbook(this.fileName, { part: entry.name })
    const start = at + 30 + this.view.getUint16(at + 26, true) + this.view.getUint16(at + 28, true)
    const end = start + entry.compressedSize
    if (end > this.bytes.length) throw damagedWorkbook(this.fileName, { part: entry.name, cutShort: true })
    return this.bytes.subarray(start, end)
  }

  private inflate(entry: ZipEntry, data: Uint8Array, onChunk: (chunk: Uint8Array) => void): void {
    // Bit 0: encrypted. Excel saves a password-protected workbook in another container, so a zip
    // with an encrypted part was not written by Excel.
    if ((entry.flags & 1) !== 0) throw damagedWorkbook(this.fileName, { part: entry.name, encrypted: true })
    if (entry.method === stored) {
      for (let at = 0; at < data.length; at += storedSlice) onChunk(data.subarray(at, at + storedSlice))
      return
    }
    if (entry.method !== deflated) throw damagedWorkbook(this.fileName, { part: entry.name, compression: entry.method })
    const inflater = new (loadOnFirstUse<{ Inflate: typeof Inflate }>('fflate').Inflate)((chunk) => {
      if (chunk.length > 0) onChunk(chunk)
    })
    try {
      if (data.length === 0) inflater.push(new Uint8Array(0), true)
      for (let at = 0; at < data.length; at += inflateInputSlice) {
        inflater.push(data.subarray(at, at + inflateInputSlice), at + inflateInputSlice >= data.length)
      }
    } catch (error) {
      if (error instanceof AppError) throw error
      // fflate's own words ("invalid block type", "unexpected EOF") mean nothing to a practice.
      throw damagedWorkbook(this.fileName, { part: entry.name })
    }
  }
}

function readDirectory(fileName: string, bytes: Uint8Array, view: DataView, limits: WorkbookLimits): Map<string, ZipEntry> {
  const damaged = (why: string) => damagedWorkbook(fileName, { zip: why })
  // The end-of-directory record is the last 22 bytes, or a little further back when the zip has a
  // comment (at most 65,535 bytes); a file cut short has none.
  let end = -1
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 65_535; at--) {
    if (view.getUint32(at, true) === endOfDirectorySignature) {
      end = at
      break
    }
  }
  if (end < 0) throw damaged('no end of directory')
  let count = view.getUint16(end + 10, true)
  let directorySize = view.getUint32(end + 12, true)
  let directoryOffset = view.getUint32(end + 16, true)
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = end - 20
    if (locator < 0 || view.getUint32(locator, true) !== zip64LocatorSignature) throw damaged('zip64 locator')
    const record = safeNumber(view.getBigUint64(locator + 8, true))
    if (record === null || record + 56 > bytes.length || view.getUint32(record, true) !== zip64EndOfDirectorySignature) throw damaged('zip64 record')
    const [bigCount, bigSize, bigOffset] = [32, 40, 48].map((field) => safeNumber(view.getBigUint64(record + field, true)))
    if (bigCount == null || bigSize == null || bigOffset == null) throw damaged('zip64 sizes')
    count = bigCount
    directorySize = bigSize
    directoryOffset = bigOffset
  }
  if (count > limits.maxZipEntries) throw workbookOverLimit(fileName, 'maxZipEntries', limits)
  if (directoryOffset + directorySize > bytes.length) throw damaged('directory beyond the end')

  const names = new TextDecoder('utf-8')
  const entries = new Map<string, ZipEntry>()
  let at = directoryOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== directoryEntrySignature) throw damaged('directory entry')
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const next = at + 46 + nameLength + extraLength + commentLength
    if (next > bytes.length) throw damaged('directory entry')
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength))
    let compressedSize = view.getUint32(at + 20, true)
    let localHeaderOffset = view.getUint32(at + 42, true)
    if (compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      const zip64 = zip64Fields(view, at + 46 + nameLength, extraLength, {
        uncompressed: view.getUint32(at + 24, true) === 0xffffffff,
        compressed: compressedSize === 0xffffffff,
        offset: localHeaderOffset === 0xffffffff
      })
      if (!zip64) throw damaged('zip64 entry')
      compressedSize = zip64.compressed ?? compressedSize
      localHeaderOffset = zip64.offset ?? localHeaderOffset
    }
    const key = partKey(name)
    // A name twice is a malformed zip; the first entry is the one Excel would see in the directory order.
    if (!entries.has(key))
      entries.set(key, { name, flags: view.getUint16(at + 8, true), method: view.getUint16(at + 10, true), compressedSize, localHeaderOffset })
    at = next
  }
  return entries
}

const safeNumber = (n: bigint): number | null => (n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : null)

/** The 64-bit sizes of a zip64 entry, kept in its extra field in a fixed order, each only when its 32-bit slot is full. */
function zip64Fields(
  view: DataView,
  start: number,
  length: number,
  present: { uncompressed: boolean; compressed: boolean; offset: boolean }
): { compressed?: number; offset?: number } | null {
  for (let at = start; at + 4 <= start + length;) {
    const id = view.getUint16(at, true)
    const size = view.getUint16(at + 2, true)
    if (id === 0x0001) {
      let field = at + 4
      const take = (): number | null => {
        if (field + 8 > at + 4 + size) return null
        const value = safeNumber(view.getBigUint64(field, true))
        field += 8
        return value
      }
      const out: { compressed?: number; offset?: number } = {}
      if (present.uncompressed && take() === null) return null
      if (present.compressed) {
        const n = take()
        if (n === null) return null
        out.compressed = n
      }
      if (present.offset) {
        const n = take()
        if (n === null) return null
        out.offset = n
      }
      return out
    }
    at += 4 + size
  }
  return null
}
