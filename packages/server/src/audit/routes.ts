import { Problem } from '@haven/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import { CheckpointError, parseCheckpoints, parsePublicKey } from './checkpoint.js';
import { verifyAuditLog, type AuditVerification as Verification } from './verify.js';

const AuditVerification = z
  .object({
    chains: z.number().int(),
    entries: z.number().int(),
    intact: z.boolean(),
    findings: z.array(
      z.object({
        chain: z.string(),
        seq: z.number().int().nullable(),
        kind: z.enum([
          'altered',
          'broken-link',
          'inserted',
          'head-mismatch',
          'checkpoint-mismatch',
          'checkpoint-missing',
        ]),
      }),
    ),
    /** Signed checkpoints checked (POST only). */
    checkpoints: z.number().int(),
    /** Lines of the checkpoint file that are not checkpoints signed by the key: each is a finding. */
    checkpointProblems: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  })
  .meta({ id: 'AuditVerification' });

const CheckpointVerificationRequest = z
  .strictObject({
    /**
     * Checkpoint lines (JSON Lines) kept outside the database: the last one per chain is enough,
     * since a signed head vouches for every entry before it.
     */
    checkpoints: z.string().min(1).max(900_000),
    /** The checkpoint public key: base64 as `haven audit keygen` prints it, or PEM. */
    publicKey: z.string().min(1).max(2_000),
  })
  .meta({ id: 'CheckpointVerificationRequest' });

function answer(
  result: Verification,
  checked: { checkpoints: number; problems: readonly { line: number; reason: string }[] },
) {
  return {
    ...result,
    findings: [...result.findings],
    intact: result.findings.length === 0 && checked.problems.length === 0,
    checkpoints: checked.checkpoints,
    checkpointProblems: [...checked.problems],
  };
}

export const auditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/audit/verification',
    {
      schema: {
        summary:
          'Recompute every audit hash chain and report altered, removed or reordered entries',
        description:
          'Without checkpoints a chain recomputed from its first entry, or a tail cut together with its head, passes: POST signed checkpoints to catch those.',
        tags: ['audit'],
        response: { 200: AuditVerification, 401: Problem, 403: Problem },
      },
    },
    async () => answer(await verifyAuditLog(db), { checkpoints: 0, problems: [] }),
  );

  app.post(
    '/audit/verification',
    {
      schema: {
        summary:
          'Verify the audit chains against signed checkpoints: also catches a cut tail or a chain recomputed from its start',
        tags: ['audit'],
        body: CheckpointVerificationRequest,
        response: { 200: AuditVerification, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (request) => {
      let publicKey;
      try {
        publicKey = parsePublicKey(request.body.publicKey);
      } catch (error) {
        if (error instanceof CheckpointError) {
          throw new HttpProblem(400, 'invalid-public-key', error.message, [
            { field: 'publicKey', in: 'body', message: error.message },
          ]);
        }
        throw error;
      }
      const checked = parseCheckpoints(request.body.checkpoints, publicKey);
      if (checked.checkpoints === 0 && checked.problems.length === 0) {
        throw new HttpProblem(400, 'no-checkpoints', 'No checkpoint line given', [
          { field: 'checkpoints', in: 'body', message: 'No checkpoint line given' },
        ]);
      }
      return answer(await verifyAuditLog(db, { anchors: checked.anchors }), checked);
    },
  );
};
