import { expect, test } from 'vitest'
import { AppError, errorCodes, fromErrorShape, toErrorShape } from '../../src/shared/result'

test('the codes a front end branches on: sign in first, and stopped on request', () => {
  expect(errorCodes).toEqual(['invalid_input', 'bad_file', 'not_found', 'conflict', 'unauthorised', 'cancelled', 'internal'])
})

test('an AppError crosses a boundary as a value and comes back the same', () => {
  const error = new AppError('bad_file', '"a.csv" is empty (0 bytes).', { file: 'a.csv' })
  const shape = toErrorShape(error)
  expect(shape).toEqual({ code: 'bad_file', message: '"a.csv" is empty (0 bytes).', details: { file: 'a.csv' } })
  expect(JSON.parse(JSON.stringify(shape))).toEqual(shape)
  const back = fromErrorShape(shape)
  expect(back).toBeInstanceOf(AppError)
  expect([back.code, back.message, back.details]).toEqual([error.code, error.message, error.details])
})
