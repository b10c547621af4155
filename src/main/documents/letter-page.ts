// The A4 letter page every printed letter shares: its margins, the folds, where the recipient's
// address must sit for a DL window envelope, and the NHS colours. Sizes are in points unless the
// name says millimetres.

export const MM = 72 / 25.4
export const PAGE = { width: 595.28, height: 841.89 } // A4 in points
export const LEFT = 20 * MM
export const RIGHT = PAGE.width - 20 * MM
export const BODY_WIDTH = RIGHT - LEFT

// Where the address must go for a DL window envelope. A DL envelope is 110 × 220 mm (ISO
// 269: for A4 folded in three). The window most UK practices buy is UK envelope makers' stock "DL
// window": 90 × 45 mm, 20 mm from the left edge and 15 mm from the bottom edge (Royal Mail's "Guidance
// for correct mail presentation", section 3, sets the clear zones around a window address), so its
// top is 110 − 15 − 45 = 50 mm below the top of the envelope. An A4 sheet folded in three
// (99 mm panels, 210 mm wide) can slide inside: 11 mm up or down and 10 mm sideways. The part of the
// sheet that shows through the window wherever it slides is therefore x 20–100 mm and y 50–84 mm
// from the sheet's top-left corner (window top 50 mm with the sheet up against the top, window bottom
// 95 − 11 = 84 mm with the sheet resting on the fold). The address goes inside that, a little in
// from each edge, and shrinks rather than spill out of it (tests/integration/invitations-letters-pdf).
export const DL_ENVELOPE = { width: 220, height: 110, window: { fromLeft: 20, fromBottom: 15, width: 90, height: 45 } } as const
const SLACK = { down: DL_ENVELOPE.height - 297 / 3, sideways: DL_ENVELOPE.width - 210 } // mm
const windowTop = DL_ENVELOPE.height - DL_ENVELOPE.window.fromBottom - DL_ENVELOPE.window.height
/** Always visible through the window, in mm from the sheet's top-left corner. */
export const DL_VISIBLE_AREA_MM = {
  left: DL_ENVELOPE.window.fromLeft,
  right: DL_ENVELOPE.window.fromLeft + DL_ENVELOPE.window.width - SLACK.sideways,
  top: windowTop,
  bottom: windowTop + DL_ENVELOPE.window.height - SLACK.down
} as const
/** The recipient address block (mm), 2 mm inside the always-visible area on every side. */
export const ADDRESS_BOX_MM = {
  x: DL_VISIBLE_AREA_MM.left + 2,
  y: DL_VISIBLE_AREA_MM.top + 1,
  width: DL_VISIBLE_AREA_MM.right - DL_VISIBLE_AREA_MM.left - 4,
  height: DL_VISIBLE_AREA_MM.bottom - DL_VISIBLE_AREA_MM.top - 3
} as const
export const WINDOW = { x: ADDRESS_BOX_MM.x * MM, y: ADDRESS_BOX_MM.y * MM, width: ADDRESS_BOX_MM.width * MM, height: ADDRESS_BOX_MM.height * MM }
export const RIGHT_COLUMN_X = 118 * MM
// The letter starts below the first fold (A4 in three: folds at 99 and 198 mm), so the title is never
// creased through.
export const BODY_TOP = 103 * MM
export const BODY_BOTTOM = PAGE.height - 16 * MM

export const NHS_BLUE = '#005EB8'
export const BOX_FILL = '#EEF3F8'
export const TEXT = '#212B32'
export const GREY = '#4C6272'
