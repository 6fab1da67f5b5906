/**
 * Why a batch run asks a person about a pair (review-band.ts), in the order the queue asks:
 *   - held-apart: likely enough to merge, but not merged (twins rule, a merge that would chain
 *     strangers, or a reviewer's cannot-link on the way);
 *   - uncertain: too weak to merge on its own;
 *   - merged-given-names-differ: merged, though the given names differ and no document vouches,
 *     where the register's given names were too unsteady for the twins rule: could be twins.
 * A module of its own, so that the API contract and the web app read it without the engine.
 */
export const REVIEW_REASONS = ['held-apart', 'uncertain', 'merged-given-names-differ'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];
