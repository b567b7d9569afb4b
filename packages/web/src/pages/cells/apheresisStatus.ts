// Colours of the apheresis progress statuses; the answer types are @engraft/domain's (views/donorsCollections.ts).
import type { Collection } from '@engraft/domain';

type ApheresisStatus = NonNullable<Collection['progress']>['status'];

export const STATUS_COLOR: Record<ApheresisStatus, string> = {
  'below minimum': 'red',
  'minimum reached': 'orange',
  'target reached': 'teal',
  'above maximum': 'grape',
};
