// The choices of the bedside CRS/ICANS grading fields (ASTCT 2019, Lee DW et al., BBMT 2019;25:625), in plain
// words, and the ten ICE items grouped as the ICE tool groups them.
import type { IceInput } from '@engraft/clinical';

export const HYPOTENSION_OPTIONS = [
  { value: 'none', label: 'No low blood pressure' },
  { value: 'no-vasopressor', label: 'Low blood pressure, fluids only (no vasopressor)' },
  { value: 'one-vasopressor', label: 'One vasopressor (with or without vasopressin)' },
  { value: 'multiple-vasopressors', label: 'Two or more vasopressors (vasopressin not counted)' },
];
export const OXYGEN_OPTIONS = [
  { value: 'none', label: 'Room air (no oxygen)' },
  { value: 'low-flow', label: 'Low-flow nasal cannula ≤6 L/min, or blow-by' },
  { value: 'high-flow', label: 'High-flow cannula >6 L/min, facemask, non-rebreather or Venturi' },
  { value: 'positive-pressure', label: 'CPAP, BiPAP, or intubated and ventilated' },
];
export const CONSCIOUSNESS_OPTIONS = [
  { value: 'normal', label: 'Awake and alert' },
  { value: 'awakens-spontaneously', label: 'Drowsy, wakes up by themselves' },
  { value: 'awakens-to-voice', label: 'Wakes only when spoken to' },
  { value: 'awakens-to-touch', label: 'Wakes only when touched' },
  { value: 'unarousable', label: 'Cannot be woken, or only by vigorous/repeated touch (stupor, coma)' },
];
export const SEIZURE_OPTIONS = [
  { value: 'none', label: 'No seizure' },
  { value: 'self-limiting', label: 'Seizure that stopped quickly, or EEG seizure that resolved with treatment' },
  { value: 'prolonged-or-repetitive', label: 'Seizure >5 min, or repeated seizures without recovery in between' },
];
export const MOTOR_OPTIONS = [
  { value: 'none', label: 'No new weakness (tremor and myoclonus do not count)' },
  { value: 'deep-focal-weakness', label: 'Deep focal weakness: hemiparesis or paraparesis' },
];
export const EDEMA_OPTIONS = [
  { value: 'none', label: 'No cerebral edema' },
  { value: 'focal', label: 'Focal or local edema on imaging' },
  { value: 'diffuse', label: 'Diffuse edema, posturing, CN VI palsy, papilledema or Cushing’s triad' },
];

export const ICE_GROUPS: { legend: string; items: { key: keyof IceInput; label: string }[] }[] = [
  {
    legend: 'Orientation (1 point each)',
    items: [
      { key: 'orientedYear', label: 'Year' },
      { key: 'orientedMonth', label: 'Month' },
      { key: 'orientedCity', label: 'City' },
      { key: 'orientedHospital', label: 'Hospital' },
    ],
  },
  {
    legend: 'Naming 3 objects (1 point each)',
    items: [
      { key: 'namedObject1', label: 'Object 1 (e.g. clock)' },
      { key: 'namedObject2', label: 'Object 2 (e.g. pen)' },
      { key: 'namedObject3', label: 'Object 3 (e.g. button)' },
    ],
  },
  {
    legend: 'Commands, writing, attention (1 point each)',
    items: [
      { key: 'followsCommands', label: 'Follows a simple command (“show me 2 fingers”)' },
      { key: 'writesSentence', label: 'Writes a standard sentence' },
      { key: 'countsBackwards', label: 'Counts back from 100 in tens' },
    ],
  },
];
export const ICE_KEYS = ICE_GROUPS.flatMap((g) => g.items.map((i) => i.key));
