/**
 * The payment schedule of an enrolment: calendar-month periods from the month of enrolment, as
 * many as the programme pays, inside the programme's validity and before the enrolment closed.
 */

/** A calendar month, 'YYYY-MM'. */
export type PeriodKey = string;

export interface PaymentPeriod {
  readonly period: PeriodKey;
  /** First and last day of the month, 'YYYY-MM-DD'. */
  readonly startsOn: string;
  readonly endsOn: string;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

export function isPeriodKey(value: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

/** The month 'YYYY-MM' as a period with its first and last day. */
export function periodOf(period: PeriodKey): PaymentPeriod {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { period, startsOn: `${period}-01`, endsOn: `${period}-${pad(lastDay)}` };
}

function addMonths(period: PeriodKey, months: number): PeriodKey {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + months;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

export interface ScheduleRules {
  readonly periodsPerEnrolment: number;
  readonly validFrom: string;
  readonly validTo: string;
}

/**
 * The periods an enrolment is paid for.
 * @example paymentSchedule({ periodsPerEnrolment: 3, validFrom: '2022-03-01', validTo: '2022-12-31' },
 *   '2022-06-14', null).map((p) => p.period) // ['2022-06', '2022-07', '2022-08']
 */
export function paymentSchedule(
  rules: ScheduleRules,
  enrolledOn: string,
  closedOn: string | null,
): PaymentPeriod[] {
  const first = (enrolledOn < rules.validFrom ? rules.validFrom : enrolledOn).slice(0, 7);
  const periods: PaymentPeriod[] = [];
  for (let offset = 0; offset < rules.periodsPerEnrolment; offset += 1) {
    const period = periodOf(addMonths(first, offset));
    if (period.startsOn > rules.validTo || (closedOn !== null && period.startsOn > closedOn)) {
      break;
    }
    periods.push(period);
  }
  return periods;
}

/**
 * Is `period` one of the enrolment's paid periods? The same rule as {@link paymentSchedule},
 * answered without building the list (batch building asks it for every enrolment).
 */
export function isScheduledPeriod(
  rules: ScheduleRules,
  enrolledOn: string,
  closedOn: string | null,
  period: PeriodKey,
): boolean {
  return paymentSchedule(rules, enrolledOn, closedOn).some((due) => due.period === period);
}
