// Made-up people for the synthetic practice: names by background (so an inner-London BP clinic
// looks like one), streets, postcodes and phone numbers that belong to nobody. Mobile numbers are
// from Ofcom's range reserved for drama (07700 900000–900999); NHS numbers (in synthetic-export.ts)
// from the 999 test range.
import type { SeededRandom } from './seeded-random'

export type Background = 'west-african' | 'caribbean' | 'black-other' | 'white-british' | 'white-other' | 'south-asian' | 'chinese' | 'mixed' | 'other'

interface NamePool {
  male: readonly string[]
  female: readonly string[]
  family: readonly string[]
}

const pools: Readonly<Record<Background, NamePool>> = {
  'west-african': {
    male: ['Oluwaseun', 'Chinedu', 'Kwame', 'Kofi', 'Emeka', 'Abdi', 'Tunde', 'Yaw', 'Babajide', 'Ikenna'],
    female: ['Adaeze', 'Ngozi', 'Abena', 'Funmilayo', 'Amina', 'Chiamaka', 'Efua', 'Hodan', 'Folake', 'Nkechi'],
    family: ['Okafor', 'Adeyemi', 'Mensah', 'Boateng', 'Okoro', 'Abdullahi', 'Owusu', 'Nwosu', 'Balogun', 'Asante', 'Hassan', 'Adebayo']
  },
  caribbean: {
    male: ['Winston', 'Desmond', 'Delroy', 'Leroy', 'Clive', 'Marcus', 'Trevor', 'Errol', 'Lloyd'],
    female: ['Marcia', 'Beverley', 'Claudette', 'Yvonne', 'Hyacinth', 'Sonia', 'Janet', 'Paulette', 'Merle'],
    family: ['Campbell', 'Brown', 'Williams', 'Thompson', 'Clarke', 'Francis', 'Henry', 'Grant', 'Reid', 'Morgan', 'Bailey']
  },
  'black-other': {
    male: ['Daniel', 'Samuel', 'Joshua', 'Isaac', 'Michael'],
    female: ['Grace', 'Naomi', 'Esther', 'Ruth', 'Precious'],
    family: ['Johnson', 'Phillips', 'Edwards', 'James', 'Lewis', 'Daniels']
  },
  'white-british': {
    male: ['David', 'Peter', 'John', 'Michael', 'Stephen', 'Gary', 'Keith', 'Paul'],
    female: ['Susan', 'Margaret', 'Jane', 'Karen', 'Patricia', 'Linda', 'Christine', 'Helen'],
    family: ['Smith', 'Jones', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Hughes', 'Walker', 'Wright', "O'Brien"]
  },
  'white-other': {
    male: ['Piotr', 'Marco', 'Luis', 'Tomasz', 'João'],
    female: ['Agnieszka', 'Maria', 'Ana', 'Katarzyna', 'Elena'],
    family: ['Kowalski', 'Rossi', 'García', 'Nowak', 'Silva', 'Łukasiewicz']
  },
  'south-asian': {
    male: ['Rajesh', 'Imran', 'Mohammed', 'Anil', 'Sanjay', 'Abdul', 'Tariq'],
    female: ['Priya', 'Fatima', 'Nasreen', 'Sunita', 'Shabnam', 'Anjali', 'Rukhsana'],
    family: ['Patel', 'Khan', 'Ahmed', 'Begum', 'Shah', 'Hussain', 'Sharma', 'Rahman', 'Chowdhury']
  },
  chinese: {
    male: ['Wei', 'Jun', 'Ming'],
    female: ['Mei', 'Lin', 'Xiu'],
    family: ['Chen', 'Wong', 'Li', 'Zhang']
  },
  mixed: {
    male: ['Jordan', 'Tyrone', 'Aaron', 'Nathan'],
    female: ['Jasmine', 'Shanice', 'Leah', 'Chantelle'],
    family: ['Robinson', 'Mitchell', 'Scott', 'Anderson']
  },
  other: {
    male: ['Omar', 'Karim', 'Ali'],
    female: ['Layla', 'Yasmin', 'Noor'],
    family: ['Haddad', 'Karimi', 'Nasser']
  }
}

export function personName(random: SeededRandom, background: Background, sex: 'M' | 'F'): { given: string; family: string } {
  const pool = pools[background]
  return { given: random.pick(sex === 'M' ? pool.male : pool.female), family: random.pick(pool.family) }
}

export function titleFor(random: SeededRandom, sex: 'M' | 'F', age: number): string {
  if (random.chance(0.03)) return 'Dr'
  if (sex === 'M') return 'Mr'
  if (age < 30) return random.pick(['Miss', 'Ms'])
  return random.pick(['Mrs', 'Mrs', 'Ms', 'Miss'])
}

const streets = [
  'Brixton Road',
  'Coldharbour Lane',
  'Acre Lane',
  'Railton Road',
  'Stockwell Park Road',
  'Clapham Road',
  'Kennington Lane',
  'Loughborough Road',
  'Landor Road',
  'Effra Road',
  'Tulse Hill',
  'Norwood Road'
]
const localities = ['Brixton', 'Stockwell', 'Kennington', 'Herne Hill', 'Tulse Hill', '']
const outwardCodes = ['SW9', 'SW2', 'SE11', 'SE5', 'SE24', 'SE27']
// Inward-code letters never include C, I, K, M, O or V (Royal Mail postcode format).
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ'

export interface SyntheticAddress {
  houseNameOrFlat: string
  numberAndStreet: string
  locality: string
  town: string
  county: string
  postcode: string
}

export function address(random: SeededRandom): SyntheticAddress {
  const flat = random.chance(0.3) ? `Flat ${random.int(1, 24)}` : random.chance(0.05) ? random.pick(['Rose Court', 'Windrush House', 'Lambeth Mansions']) : ''
  return {
    houseNameOrFlat: flat,
    numberAndStreet: `${random.int(1, 240)} ${random.pick(streets)}`,
    locality: random.pick(localities),
    town: 'London',
    county: random.chance(0.7) ? 'Greater London' : '',
    postcode: `${random.pick(outwardCodes)} ${random.int(1, 9)}${random.pick([...inwardLetters])}${random.pick([...inwardLetters])}`
  }
}

export function mobile(random: SeededRandom): string {
  return `07700 900${String(random.int(0, 999)).padStart(3, '0')}`
}

export const usualGps = ['SMITH, Jane (Dr)', 'OKAFOR, Ngozi (Dr)', 'PATEL, Anjali (Dr)', 'MENSAH, Kwame (Dr)'] as const
