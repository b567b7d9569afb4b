// What GET /episodes/:episodeId/manufacturing-orders answers (services/manufacturing.ts on the server).
import type { Episode, ManufacturingStatus, Product } from '@engraft/domain';

export interface CustodyEvent {
  id: string;
  leg: 'outbound' | 'return';
  productId: string | null;
  fromParty: string;
  toParty: string;
  handedAt: string;
  temperatureC: number | null;
  note: string | null;
  recordedBy: string | null;
}

export interface OrderView {
  id: string;
  episodeId: string;
  productName: string;
  productLabel: string;
  commercial: boolean;
  cellType: string;
  cellOrigin: string;
  manufacturer: string | null;
  coi: string;
  coiSource: 'assigned' | 'external';
  collectionId: string | null;
  slotOn: string | null;
  status: ManufacturingStatus;
  targetDose: string | null;
  receivedBags: number | null;
  createdBy: string | null;
  createdAt: string;
  nextStatuses: ManufacturingStatus[];
  history: { status: ManufacturingStatus; at: string; note: string | null; recordedBy: string | null }[];
  custody: CustodyEvent[];
  receivedProduct: Product | null;
  doseCheck: { withinLabel: boolean | null; message: string } | null;
  veinToVein: {
    collectedOn: string | null;
    infusedOn: string | null;
    days: number | null;
    daysSoFar: number | null;
    turnaroundDays: number | null;
    collectedFrom: 'collection' | 'order' | null;
  };
}

export interface CollectionRef {
  id: string;
  coi: string | null;
  firstDay: string | null;
  plannedOn: string | null;
}

export interface ManufacturingPageData {
  episode: Episode;
  patient: { id: string; mrn: string; familyName: string; givenName: string; weightKg: number | null };
  collections: CollectionRef[];
  orders: OrderView[];
}

/** A datetime-local input value (local time) as an ISO instant; '' when empty. */
export function localToIso(v: string): string {
  return v ? new Date(v).toISOString() : '';
}

/** Now as a datetime-local input value. */
export function nowLocal(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** "12 Mar 2026 14:00" in the browser's time zone. */
export function formatDateTime(isoTime: string): string {
  const d = new Date(isoTime);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getMonth()];
  return `${d.getDate()} ${month} ${d.getFullYear()} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** "CH W9999 26 000001": the CoI in its parts, easier to read aloud and compare. */
export function spacedCoi(coi: string): string {
  return coi.length === 15 ? `${coi.slice(0, 2)} ${coi.slice(2, 7)} ${coi.slice(7, 9)} ${coi.slice(9)}` : coi;
}
