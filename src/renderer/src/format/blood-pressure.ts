import type { BloodPressureT } from '../../../shared/contract'

const settingLabels: Record<BloodPressureT['setting'], string> = {
  clinic: 'clinic',
  home: 'home',
  ambulatory: 'ambulatory (ABPM)'
}

export function formatSetting(setting: BloodPressureT['setting']): string {
  return settingLabels[setting]
}

export function formatBp(bp: { systolic: number; diastolic: number } | null | undefined): string {
  return bp ? `${bp.systolic}/${bp.diastolic}` : '—'
}
