// Cell dose per kg of an infused product (Duong HK et al., BBMT 2014;20:1262; Dehn J et al., Blood 2019;134:924; CAR-T labels), computed with the @engraft/clinical
// rules from the product's absolute counts and the recipient's weight on the day. Stored with its inputs and rule
// ids at the start of the infusion; the counts are those recorded on the product (state there whether pre-freeze
// or post-thaw, §6.1).
import {
  CART_DOSE_RULE_ID,
  CART_PRODUCTS,
  type CellDoseInput,
  checkCartDose,
  computeCellDose,
  unitText,
} from '@engraft/clinical';
import type { EpisodeType } from '../episodes';
import type { Product } from '../cellProducts';

export interface DoseMeasure {
  measure: CellDoseInput['measure'];
  product: CellDoseInput['product'];
  totalCells: number;
  cellsPerKg: number;
  value: number;
  unit: string;
  adequate: boolean;
  explanation: string;
  ruleId: string;
}

export interface InfusionDose {
  weightKg: number;
  measures: DoseMeasure[];
  /** CAR-T: the dose against the product label (US prescribing information, §6.3). */
  cartLabel: { product: string; withinLabel: boolean; explanation: string; ruleId: string } | null;
  /** Every rule id used, to store beside the result. */
  ruleIds: string[];
}

/** The CART_PRODUCTS key a manufacturing order's product name designates, when exactly one does. */
export function cartLabelKeyOf(productName: string | null | undefined): string | null {
  const name = (productName ?? '').toLowerCase().replace(/[^a-z]+/g, '-');
  if (!name) return null;
  const exact = Object.keys(CART_PRODUCTS).filter((k) => name === k || name.startsWith(`${k}-`));
  if (exact.length === 1) return exact[0]!;
  const byDrug = Object.keys(CART_PRODUCTS).filter((k) => name.includes(k.split('-').slice(0, 2).join('-')));
  return byDrug.length === 1 ? byDrug[0]! : null;
}

/** Which counts are dosed for which product kind (measure, and the cellDose product category). */
function dosedMeasures(
  p: Product,
  episodeType: EpisodeType
): { measure: CellDoseInput['measure']; product: CellDoseInput['product']; totalCells: number | null }[] {
  const autologous = episodeType === 'autologous-hct' || p.donorId == null;
  switch (p.kind) {
    case 'hpc-apheresis':
      return [
        {
          measure: 'cd34',
          product: autologous ? 'hpc-apheresis-autologous' : 'hpc-apheresis-allogeneic',
          totalCells: p.cd34Cells,
        },
      ];
    case 'hpc-marrow':
      return [
        { measure: 'tnc', product: 'hpc-marrow', totalCells: p.tncCells },
        { measure: 'cd34', product: 'other', totalCells: p.cd34Cells },
      ];
    case 'hpc-cord':
      return [
        { measure: 'tnc', product: 'hpc-cord', totalCells: p.tncCells },
        { measure: 'cd34', product: 'hpc-cord', totalCells: p.cd34Cells },
      ];
    case 'car-t':
      return [{ measure: 'car-positive-viable-t', product: 'car-t', totalCells: p.carTCells }];
    case 'mnc-apheresis':
    case 't-cells':
    case 'nk-cells':
    case 'b-cells':
    case 'dli':
      return [
        { measure: 'tnc', product: 'other', totalCells: p.tncCells },
        { measure: 'cd34', product: 'other', totalCells: p.cd34Cells },
      ];
  }
}

/** The dose per kg for each recorded count of the product; null when the weight is unknown. */
export function infusionDose(
  p: Product,
  ctx: { episodeType: EpisodeType; weightKg: number | null; cartProduct?: string | null }
): InfusionDose | null {
  if (ctx.weightKg == null || !(ctx.weightKg > 0)) return null;
  const weightKg = ctx.weightKg;
  const measures: DoseMeasure[] = [];
  for (const m of dosedMeasures(p, ctx.episodeType)) {
    if (m.totalCells == null) continue;
    const r = computeCellDose({
      product: m.product,
      measure: m.measure,
      totalCells: m.totalCells,
      recipientWeightKg: weightKg,
    });
    measures.push({
      measure: m.measure,
      product: m.product,
      totalCells: m.totalCells,
      cellsPerKg: r.cellsPerKg,
      value: r.conventional.value,
      unit: r.conventional.unit,
      adequate: r.adequate,
      explanation: r.explanation,
      ruleId: r.ruleId,
    });
  }
  let cartLabel: InfusionDose['cartLabel'] = null;
  if (p.kind === 'car-t' && p.carTCells != null && ctx.cartProduct && CART_PRODUCTS[ctx.cartProduct]) {
    // The label rule refuses a dose of 0: none recorded is outside the label, and said so.
    const r = p.carTCells > 0 ? checkCartDose({ product: ctx.cartProduct, weightKg, doseCells: p.carTCells }) : null;
    cartLabel = r
      ? { product: ctx.cartProduct, withinLabel: r.withinLabel, explanation: r.explanation, ruleId: r.ruleId }
      : {
          product: ctx.cartProduct,
          withinLabel: false,
          explanation: 'no CAR-positive viable T cells recorded on the product: outside the label',
          ruleId: CART_DOSE_RULE_ID,
        };
  }
  const ruleIds = [...new Set([...measures.map((m) => m.ruleId), ...(cartLabel ? [cartLabel.ruleId] : [])])];
  return { weightKg, measures, cartLabel, ruleIds };
}

/** "x10^6/kg" as people write it: "×10⁶/kg" (the one rule: @engraft/clinical unitText). */
export const formatDoseUnit = (unit: string): string => unitText(unit);
