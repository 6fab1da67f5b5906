import { CalendarDate, Problem } from '@haven/contract';
import { scopeFilter } from '@haven/core';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../access/authenticate.js';
import { queryRows, type Db } from '../db/open.js';
import { fieldProblem } from '../http/problems.js';
import { scopeCondition } from '../registrations/read-queries.js';

/** Counts below this are withheld: a cell of two people at one site on one day names them. */
export const MIN_PUBLISHED_COUNT = 5;

const DailyCount = z
  .object({
    countryCode: z.string(),
    day: z.string(),
    registrations: z.number().int().nullable(),
    persons: z.number().int().nullable(),
    suppressed: z
      .boolean()
      .describe(`True when a count was below ${MIN_PUBLISHED_COUNT} and withheld`),
  })
  .meta({ id: 'DailyRegistrationCount' });

const StatisticsQuery = z.strictObject({
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
});

export const statisticsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/statistics/registrations',
    {
      schema: {
        summary: 'Registrations and persons per host country and day, within your scope',
        description: `Aggregates only; never a person. Counts below ${MIN_PUBLISHED_COUNT} are withheld. Erased people still count.`,
        tags: ['statistics'],
        querystring: StatisticsQuery,
        response: { 200: z.array(DailyCount), 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (from && to && to < from) {
        throw fieldProblem('to', 'query', 'Must not be before from');
      }
      const rows = await queryRows<{
        country_code: string;
        day: string;
        registrations: number;
        persons: number;
      }>(
        db,
        sql`SELECT s.country_code, to_char(r.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
                   count(DISTINCT r.id)::int AS registrations, count(p.id)::int AS persons
            FROM registrations r
            JOIN sites s ON s.id = r.site_id
            JOIN persons p ON p.household_id = r.household_id
            WHERE ${scopeCondition(scopeFilter(principalOf(request)))}
              ${from ? sql`AND r.registered_at >= ${from}::date` : sql``}
              ${to ? sql`AND r.registered_at < ${to}::date + 1` : sql``}
            GROUP BY 1, 2 ORDER BY 2, 1`,
      );
      return rows.map((row) => {
        const suppressed =
          row.registrations < MIN_PUBLISHED_COUNT || row.persons < MIN_PUBLISHED_COUNT;
        return {
          countryCode: row.country_code,
          day: row.day,
          registrations: suppressed ? null : row.registrations,
          persons: suppressed ? null : row.persons,
          suppressed,
        };
      });
    },
  );
};
