// The last links of a received cell-therapy product's chain of custody, from the product's own records: the lab's
// thaw (product event), the bag reaching the bedside (the passing check an infusion started from) and the infusion.
import type { Queryable } from '../db/database';
import { iso } from './rows';

export interface ProductJourney {
  thaw: { eventId: string; at: string; by: string | null } | null;
  infusion: {
    id: string;
    startedAt: string;
    startedBy: string | null;
    check: { id: string; at: string; by: string | null; confirmedBy: string | null };
  } | null;
}

export async function productJourney(db: Queryable, productId: string): Promise<ProductJourney> {
  const thaws = await db.query<{ id: string; performed_at: Date | string; by_name: string | null }>(
    `select e.id, e.performed_at, u.display_name as by_name from product_events e left join users u on u.id = e.performed_by
     where e.product_id = $1 and e.kind = 'thawed' order by e.performed_at limit 1`,
    [productId]
  );
  const infusions = await db.query<{
    id: string;
    started_at: Date | string;
    started_by_name: string | null;
    check_id: string;
    performed_at: Date | string;
    performed_by_name: string | null;
    confirmed_by_name: string | null;
  }>(
    `select i.id, i.started_at, su.display_name as started_by_name, b.id as check_id, b.performed_at,
            pu.display_name as performed_by_name, cu.display_name as confirmed_by_name
     from infusions i join bedside_checks b on b.id = i.bedside_check_id
     left join users su on su.id = i.started_by left join users pu on pu.id = b.performed_by
     left join users cu on cu.id = b.confirmed_by
     where i.product_id = $1`,
    [productId]
  );
  const t = thaws[0];
  const i = infusions[0];
  return {
    thaw: t ? { eventId: t.id, at: iso(t.performed_at), by: t.by_name } : null,
    infusion: i
      ? {
          id: i.id,
          startedAt: iso(i.started_at),
          startedBy: i.started_by_name,
          check: { id: i.check_id, at: iso(i.performed_at), by: i.performed_by_name, confirmedBy: i.confirmed_by_name },
        }
      : null,
  };
}
