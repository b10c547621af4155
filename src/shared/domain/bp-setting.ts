// Where a blood pressure was taken: in the clinic, at home, or by ambulatory monitoring (ABPM). Its
// own file because both the patient record and the BP measures need it, and neither may depend on
// the other for it.
export type BpSetting = 'clinic' | 'home' | 'ambulatory'
