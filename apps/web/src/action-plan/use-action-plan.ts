import { actionPlanMap, type Measure, readActionPlan } from '@talkoot/action-plan';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** The board's action plan, live: re-read whenever anyone (here or elsewhere) changes it. */
export function useActionPlan(doc: Y.Doc | null): Measure[] {
  const [plan, setPlan] = useState<Measure[]>(() => (doc ? readActionPlan(doc) : []));
  useEffect(() => {
    if (!doc) {
      setPlan([]);
      return;
    }
    const map = actionPlanMap(doc);
    const update = () => setPlan(readActionPlan(doc));
    update();
    map.observeDeep(update);
    return () => map.unobserveDeep(update);
  }, [doc]);
  return plan;
}
