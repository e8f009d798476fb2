// LF AI & Data Model Openness Framework classes, as the Model Openness Tool computes them.
// Requirements are data: each class adds required components to the one below it.
import { COMPONENT_IDS, COMPONENTS, type ComponentId } from '../catalog.js';
import type { MofVerdict } from '../report.js';
import type { Statuses } from './types.js';

/** A slot is satisfied when any of its components is open (a research paper can stand in for the technical report). */
type Slot = ComponentId[];

/** The slots of each class, from the catalog (`mofClass`, `mofOptional`, `mofStandIns`): defined once. */
export const MOF_REQUIREMENTS: Record<3 | 2 | 1, Slot[]> = {
  3: slotsOf(3),
  2: slotsOf(2),
  1: slotsOf(1),
};

function slotsOf(cls: 1 | 2 | 3): Slot[] {
  return COMPONENT_IDS.filter((id) => COMPONENTS[id].mofClass === cls && !COMPONENTS[id].mofOptional).map((id) => [
    id,
    ...(COMPONENTS[id].mofStandIns ?? []),
  ]);
}

/** not-applicable (stated in config with a reason) does not block a class. */
function satisfied(statuses: Statuses, slot: Slot): boolean {
  return slot.some((id) => statuses[id] === 'open') || slot.every((id) => statuses[id] === 'not-applicable');
}

export function evaluateMof(statuses: Statuses, warnings: string[] = []): MofVerdict {
  const progress = { '3': 0, '2': 0, '1': 0 };
  const missing: MofVerdict['missing'] = { '3': [], '2': [], '1': [] };
  let cls: 1 | 2 | 3 | null = null;
  let lowerComplete = true;
  let required = 0;
  let met = 0;
  for (const level of [3, 2, 1] as const) {
    for (const slot of MOF_REQUIREMENTS[level]) {
      required++;
      if (satisfied(statuses, slot)) met++;
      else missing[level].push(slot[0]!);
    }
    const key = String(level) as '3' | '2' | '1';
    progress[key] = lowerComplete ? Math.round((met / required) * 100) : 0;
    if (lowerComplete && missing[level].length === 0) cls = level;
    lowerComplete = lowerComplete && missing[level].length === 0;
  }
  return { class: cls, progress, missing, warnings };
}
