import {
  type AntibodyTest,
  type Confirmation,
  type Finding,
  MFI,
  plausibility,
  type AntibodyTestCreate,
  type BeadImport,
  DEFAULT_FAMILY_SETTINGS,
  type FamilySettings,
  FamilySettingsSchema,
  type FamilySettingsUpdate,
  type FamilySettingsView,
} from '@engraft/domain';
import { type BeadCsvError, type BeadResult, parseBeadCsv } from '@engraft/donors';
import type { Database, Queryable } from '../db/database';
import { EngraftError, notFound, requireConfirmations } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as repo from '../repo/familyAntibodies';
import { lockPatient } from '../repo/patientHlaTypings';
import * as settingsRepo from '../repo/settings';
import type { CentreActor } from './patients';

// The patient's anti-HLA antibody tests (issue 19, ADR 0421): single-antigen bead files imported whole or not at
// all (every bad row named by its line), results typed in by hand on the same checks, and the centre's MFI
// thresholds and ranking weights (centre settings area "family", audited with before and after).

const AREA = 'family';

/** One refusal naming every bad line: 400 problem+json, one error per line at `path`. */
function refuse(path: string, what: string, errors: readonly BeadCsvError[], lineLabel: (n: number) => string) {
  const items = errors.map((e) => ({
    path,
    message: `${lineLabel(e.line)}${e.column ? `, ${e.column}` : ''}: ${e.message}`,
  }));
  return new EngraftError(
    'invalid',
    `${what} refused, nothing imported: ${items.map((i) => i.message).join('; ')}`,
    items
  );
}

async function storeTests(
  db: Database,
  actor: CentreActor,
  patientId: string,
  results: readonly BeadResult[],
  meta: {
    source: AntibodyTest['source'];
    fileName: string | null;
    sampleId: string | null;
    lab: string | null;
    confirmations?: Confirmation[];
  }
): Promise<AntibodyTest[]> {
  const { confirmations, ...stored } = meta;
  // A file holds one sample; rows of different dates are different tests.
  const dates = [...new Set(results.map((r) => r.testedOn))].sort();
  return db.transaction(async (tx) => {
    if (!(await lockPatient(tx, actor.centreId, patientId))) throw notFound('patient');
    const ids: string[] = [];
    for (const testedOn of dates) {
      const rows = results.filter((r) => r.testedOn === testedOn);
      const id = await repo.insertAntibodyTest(tx, actor.centreId, patientId, actor, {
        ...stored,
        testedOn,
        results: rows,
      });
      ids.push(id);
      await appendAudit(tx, actor, {
        action: 'create',
        entityType: 'antibody-test',
        entityId: id,
        patientId,
        after: {
          testedOn,
          source: meta.source,
          fileName: meta.fileName ?? undefined,
          results: rows.length,
          confirmations: confirmations?.length ? confirmations : undefined,
        },
      });
    }
    return (await repo.listAntibodyTests(tx, actor.centreId, patientId)).filter((t) => ids.includes(t.id));
  });
}

/** Imports a single-antigen bead export (columns documented in @engraft/donors beadCsv.ts); all or nothing. */
export async function importBeadFile(
  db: Database,
  actor: CentreActor,
  patientId: string,
  upload: BeadImport,
  today: string
): Promise<AntibodyTest[]> {
  const parsed = parseBeadCsv(upload.content, { defaultDate: upload.testedOn, today });
  if (!parsed.ok) throw refuse('content', upload.fileName, parsed.errors, (n) => `line ${n}`);
  return storeTests(db, actor, patientId, parsed.results, {
    source: 'bead-csv',
    fileName: upload.fileName,
    sampleId: parsed.sampleId,
    lab: upload.lab ?? null,
  });
}

/** Results typed in by hand, checked as a bead file is (specificity names, MFI, date). */
export async function addAntibodyTest(
  db: Database,
  actor: CentreActor,
  patientId: string,
  input: AntibodyTestCreate,
  today: string
): Promise<AntibodyTest> {
  const confirmed = requireConfirmations(
    input.results.map((r, i) => plausibility(`results.${i}.mfi`, r.mfi, MFI)).filter((f): f is Finding => f !== null),
    input.confirmations
  );
  const csv = ['specificity,mfi', ...input.results.map((r) => `"${r.specificity.replace(/"/g, '""')}",${r.mfi}`)];
  const parsed = parseBeadCsv(csv.join('\n'), { defaultDate: input.testedOn, today });
  if (!parsed.ok) {
    // Line n of the generated file is result n − 2 (line 1 is the header).
    const byRow = parsed.errors.map((e) => ({ ...e, line: e.line - 1, column: '' }));
    throw new EngraftError(
      'invalid',
      `antibody results refused: ${byRow.map((e) => `result ${e.line}: ${e.message}`).join('; ')}`,
      byRow.map((e) => ({ path: `results.${e.line - 1}.specificity`, message: e.message }))
    );
  }
  const [test] = await storeTests(db, actor, patientId, parsed.results, {
    source: 'manual',
    fileName: null,
    sampleId: null,
    lab: input.lab ?? null,
    confirmations: confirmed,
  });
  return test!;
}

export async function listAntibodyTests(db: Database, actor: CentreActor, patientId: string) {
  return db.transaction(async (tx) => {
    if (!(await lockPatient(tx, actor.centreId, patientId))) throw notFound('patient');
    const tests = await repo.listAntibodyTests(tx, actor.centreId, patientId);
    await appendAudit(tx, actor, { action: 'read', entityType: 'antibody-test', entityId: patientId, patientId });
    return { tests };
  });
}

/** The centre's thresholds and weights: its saved settings over the defaults, locus by locus. */
export async function familySettingsOf(db: Queryable, centreId: string): Promise<FamilySettings> {
  const saved = FamilySettingsSchema.partial().safeParse(
    (await settingsRepo.getSettings(db, centreId, AREA))?.settings
  );
  const s = saved.success ? saved.data : {};
  return {
    thresholds: { ...DEFAULT_FAMILY_SETTINGS.thresholds, ...s.thresholds },
    weights: { ...DEFAULT_FAMILY_SETTINGS.weights, ...s.weights },
  };
}

export async function getFamilySettings(db: Database, actor: CentreActor): Promise<FamilySettingsView> {
  const row = await settingsRepo.getSettings(db, actor.centreId, AREA);
  return {
    settings: await familySettingsOf(db, actor.centreId),
    defaults: DEFAULT_FAMILY_SETTINGS,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

export async function putFamilySettings(
  db: Database,
  actor: CentreActor,
  input: FamilySettingsUpdate
): Promise<FamilySettingsView> {
  const { confirmations, ...settings } = input;
  const confirmed = requireConfirmations(
    Object.entries(settings.thresholds).flatMap(([locus, t]) =>
      (['positive', 'strong', 'desensitisation'] as const)
        .map((k) => plausibility(`thresholds.${locus}.${k}`, t[k], MFI))
        .filter((f): f is Finding => f !== null)
    ),
    confirmations
  );
  await db.transaction(async (tx) => {
    const before = await familySettingsOf(tx, actor.centreId);
    await settingsRepo.putSettings(tx, actor.centreId, AREA, settings, actor.userId);
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: 'centre-settings',
      entityId: actor.centreId,
      before: { [AREA]: before },
      after: { [AREA]: settings, confirmations: confirmed.length ? confirmed : undefined },
    });
  });
  return getFamilySettings(db, actor);
}
