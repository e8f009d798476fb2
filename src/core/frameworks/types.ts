import type { ComponentId, Status } from '../catalog.js';

export type Statuses = Record<ComponentId, Status>;
