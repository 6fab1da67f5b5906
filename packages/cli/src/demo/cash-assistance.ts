/**
 * Demo cash assistance (issue 6 item 4): UNHCR Poland 2022 and UNHCR Romania 2022 programmes,
 * the demo households with active protection enrolled, Romania's June 2022 batch paid, and one
 * person paid in Romania who is also enrolled in Poland (the identity engine judged the two
 * records one person), so Poland's June batch pays everyone else and holds them for review.
 * Runs after the protection demo, through the server's own functions.
 */
import {
  buildBatch,
  createProgramme,
  enrolHousehold,
  householdsWithActiveProtection,
  operatorActor,
  operatorCashActor,
  recordSameIdentityForDemo,
  type Db,
} from '@haven/server';

export interface CashDemoSummary {
  readonly enrolments: number;
  readonly batches: number;
}

const PERIOD = '2022-06';
const ENROLLED_ON = '2022-06-01';

export async function loadCashAssistanceDemo(db: Db): Promise<CashDemoSummary> {
  const actor = operatorCashActor('demo-data', {
    ...operatorActor('demo-data'),
    purpose: 'demo data',
  });
  const poland = await createProgramme(db, actor, { templateId: 'UNHCR-PL-MPCA-2022' });
  const romania = await createProgramme(db, actor, { templateId: 'UNHCR-RO-MPCA-2022' });
  const polish = await householdsWithActiveProtection(db, 'PL', 4);
  const romanian = await householdsWithActiveProtection(db, 'RO', 2);
  let enrolments = 0;
  for (const [programme, households] of [
    [romania, romanian],
    [poland, polish],
  ] as const) {
    for (const household of households) {
      const [recipient] = household.personIds;
      if (!recipient) {
        continue;
      }
      try {
        await enrolHousehold(db, actor, programme.id, {
          householdId: household.householdId,
          personIds: [...household.personIds],
          recipientPersonId: recipient,
          enrolledOn: ENROLLED_ON,
        });
        enrolments += 1;
      } catch (error) {
        // A member granted only after June is refused by the same rule as over the API.
        if (!(error instanceof Error && error.message.includes('active protection status'))) {
          throw error;
        }
      }
    }
  }
  let batches = 0;
  if (romanian.length > 0) {
    await buildBatch(db, actor, romania, PERIOD);
    batches += 1;
  }
  const paidInRomania = romanian[0]?.personIds[0];
  const enrolledInPoland = polish[0]?.personIds[0];
  if (paidInRomania && enrolledInPoland) {
    await recordSameIdentityForDemo(db, [enrolledInPoland, paidInRomania]);
  }
  if (polish.length > 0) {
    await buildBatch(db, actor, poland, PERIOD);
    batches += 1;
  }
  return { enrolments, batches };
}
