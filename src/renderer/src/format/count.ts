// Counts staff read: thousands separated from 1,000 ("12,345"), the same in every screen and document.
export { formatCount } from '../../../shared/format/staff-text'
