// The NHS's 3-3-4 display form ("943 476 5919") lives with the other NHS-number rules in shared/domain.
export { formatNhsNumber } from '../../../shared/domain/nhs-number'
