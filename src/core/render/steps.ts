// "How to become truly open": the components that stand between a model and the next
// ladder level or the next MOF class, in the order worth doing them (ladder first: it is
// the headline), each with the goals it serves.
import { COMPONENT_IDS, type ComponentId, type Status } from '../catalog.js';
import type { ModelReport } from '../report.js';
import { LADDER_STYLES, mofClassShort, nextLadderLevel, nextMofClass } from './symbols.js';

export interface NextStep {
  id: ComponentId;
  status: Status;
  /** The goals this component blocks: "open source", "MOF Class II". */
  goals: string[];
}

export function nextSteps(model: ModelReport): NextStep[] {
  const steps = new Map<ComponentId, NextStep>();
  const add = (id: ComponentId, goal: string) => {
    const component = model.components[id];
    if (!component) return;
    const existing = steps.get(id);
    if (existing) existing.goals.push(goal);
    else steps.set(id, { id, status: component.status, goals: [goal] });
  };
  // Below open weights the only gap is the weights themselves, and publishing them openly
  // lands on open weights: we never suggest restricted terms as a step up.
  const nextLevel = model.ladder.level === 'closed' ? 'open-weights' : nextLadderLevel(model.ladder.level);
  if (nextLevel) {
    for (const id of model.ladder.missing) add(id, LADDER_STYLES[nextLevel].words);
  }
  const nextClass = nextMofClass(model.frameworks.mof.class);
  if (nextClass !== null) {
    const key = String(nextClass) as '1' | '2' | '3';
    // The class's own list; a class also needs everything of the classes below it, which
    // an unclassified release may still lack.
    const cumulative: ('3' | '2' | '1')[] = key === '3' ? ['3'] : key === '2' ? ['3', '2'] : ['3', '2', '1'];
    const blocking = new Set(cumulative.flatMap((k) => model.frameworks.mof.missing[k] ?? []));
    for (const id of COMPONENT_IDS) if (blocking.has(id)) add(id, `MOF ${mofClassShort(nextClass)}`);
  }
  return [...steps.values()];
}
