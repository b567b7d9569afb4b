import { openEngraftDatabase, seedDemo, todayUtc } from '@engraft/server';
import * as patients from '../packages/server/src/services/patients';
const db = await openEngraftDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: 'memory://' });
await seedDemo(db, todayUtc(), { patients: 20 });
const c = (await db.query<{ id: string }>('select id from centres'))[0]!.id;
const ids = (await db.query<{ id: string }>('select id from patients')).map((r) => r.id);
const actor = { userId: null, username: 'probe', centreId: c };
const time = async (name: string, fn: () => Promise<unknown>) => {
  for (let k = 0; k < 2; k++) {
    const t = performance.now();
    for (let i = 0; i < 200; i++) await fn();
    console.log(name, ((performance.now() - t) / 200).toFixed(2), 'ms');
  }
};
await time('select 1', () => db.query('select 1'));
await time('empty tx', () =>
  db.transaction(async (tx) => {
    await tx.query('select 1');
  })
);
await time('audit append tx', () =>
  db.transaction((tx) => tx.query(`select audit_append(null,'x',null,'read','patient',null,null,null,null,null)`))
);
await time('patient record', () => patients.getPatientRecord(db, actor, ids[0]!));
await time('search', () => patients.searchPatients(db, actor, { q: 'al', limit: 25, offset: 0 }));
await db.close();
