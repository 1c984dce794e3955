/**
 * Early warning (SPEC §6.7, [002 §6], [001]): rules as data over indicators and events, each with a
 * severity; evaluation as of a date gives alerts; alerts have a lifecycle open → acknowledged →
 * resolved and an owner, as pure transitions.
 *
 * Rule kinds (all comparisons as written; `>=` fires at equality, `>` does not):
 *   threshold  value op limit                     (days past due ≥ 30, LTV ≥ 0.8, score < 500)
 *   drop       previous − value ≥ by              (relative: (previous − value)/previous ≥ by;
 *                                                  score drop, transaction-index drop)
 *   event      an event of the type dated in (asOf − withinDays, asOf]   (core enterprise downgrade)
 *   missing    no value, or its date more than maxAgeDays before asOf
 *   mismatch   max − min of the sources' values > tolerance              (bank vs platform vs logistics)
 *
 * An alert's message is English; its `text` is the same as a code and parameters (alert.threshold,
 * alert.drop, alert.event, alert.missing, alert.undated, alert.stale, alert.mismatch) that the workbench shows in
 * the user's language (the catalogue is @scf-risk/report messages.ts).
 *
 * An alert's id is rule/subject/date, so evaluating a date twice gives the same alerts; merging
 * keeps one unresolved alert per rule and subject.
 *
 * Example: { id: 'dpd30', kind: 'threshold', indicator: 'daysPastDue', op: '>=', value: 30,
 * severity: 'high' } fires for a subject with daysPastDue 30.
 */
import { ValidationError } from '../errors.ts';
import { dayNumber, type IsoDate } from './money-and-dates.ts';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const WARNING_STAGES = ['pre-loan', 'in-loan', 'post-loan'] as const;
export type WarningStage = (typeof WARNING_STAGES)[number];
export const COMPARISONS = ['>', '>=', '<', '<='] as const;
export type Comparison = (typeof COMPARISONS)[number];

interface RuleBase {
  id: string;
  severity: Severity;
  stage?: WarningStage;
  description?: string;
}

/** A warning rule (data; see the module comment). */
export type WarningRule =
  | (RuleBase & { kind: 'threshold'; indicator: string; op: Comparison; value: number })
  | (RuleBase & { kind: 'drop'; indicator: string; by: number; relative?: boolean })
  | (RuleBase & { kind: 'event'; eventType: string; withinDays?: number })
  | (RuleBase & { kind: 'missing'; indicator: string; maxAgeDays: number })
  | (RuleBase & { kind: 'mismatch'; indicator: string; tolerance: number });

/** One indicator of a subject: its value and date, the previous value, the values per source. */
export interface IndicatorValue {
  value: number | null;
  date?: IsoDate;
  previous?: number;
  sources?: Record<string, number>;
}

/** What the rules see of one subject (a loan, an SME, a pool). */
export interface WarningSubject {
  id: string;
  indicators: Record<string, IndicatorValue>;
  events?: { type: string; date: IsoDate; detail?: string }[];
}

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** A message as a catalogue code and the values its template names (a value may be a text itself). */
export interface AlertText {
  code: string;
  params: Record<string, string | number | AlertText | AlertText[]>;
}

export interface Alert {
  id: string;
  ruleId: string;
  subjectId: string;
  severity: Severity;
  date: IsoDate;
  message: string;
  /** The message as a catalogue code and its parameters (absent on alerts stored without one). */
  text?: AlertText;
  inputs: Record<string, unknown>;
  status: AlertStatus;
  owner: string | null;
  history: { date: IsoDate; action: 'opened' | 'assigned' | 'acknowledged' | 'resolved'; by: string; note?: string }[];
}

/** Check a rule set: unique ids, known kinds, severities and operators, finite numbers. */
export function checkWarningRules(rules: readonly WarningRule[]): void {
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  rules.forEach((r, k) => {
    if (!r.id) issues.push({ path: [k, 'id'], message: 'a rule needs an id' });
    else if (rules.findIndex((o) => o.id === r.id) !== k) issues.push({ path: [k, 'id'], message: `rule id "${r.id}" is used twice` });
    if (!SEVERITIES.includes(r.severity))
      issues.push({ path: [k, 'severity'], message: `unknown severity "${String(r.severity)}"`, allowed: SEVERITIES.join(', ') });
    if (r.stage !== undefined && !WARNING_STAGES.includes(r.stage))
      issues.push({ path: [k, 'stage'], message: `unknown stage "${String(r.stage)}"`, allowed: WARNING_STAGES.join(', ') });
    const num = (field: string, v: unknown, min = -Infinity) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < min)
        issues.push({
          path: [k, field],
          message: `${String(v)} is not a valid ${field}`,
          allowed: min === 0 ? 'a number ≥ 0' : 'a finite number',
        });
    };
    switch (r.kind) {
      case 'threshold':
        if (!COMPARISONS.includes(r.op))
          issues.push({ path: [k, 'op'], message: `unknown comparison "${String(r.op)}"`, allowed: COMPARISONS.join(' ') });
        num('value', r.value);
        break;
      case 'drop':
        num('by', r.by, 0);
        break;
      case 'event':
        if (!r.eventType) issues.push({ path: [k, 'eventType'], message: 'an event rule needs an event type' });
        if (r.withinDays !== undefined && !(Number.isInteger(r.withinDays) && r.withinDays >= 1))
          issues.push({ path: [k, 'withinDays'], message: `${r.withinDays} is not a number of days ≥ 1` });
        break;
      case 'missing':
        num('maxAgeDays', r.maxAgeDays, 0);
        break;
      case 'mismatch':
        num('tolerance', r.tolerance, 0);
        break;
      default:
        issues.push({
          path: [k, 'kind'],
          message: `unknown rule kind "${String((r as { kind: unknown }).kind)}"`,
          allowed: 'threshold, drop, event, missing, mismatch',
        });
    }
  });
  if (issues.length) throw new ValidationError(issues);
}

const compare = (a: number, op: Comparison, b: number) => (op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b);

/** Evaluate every rule on every subject as of `asOf`; one open alert per rule and subject that fires. */
export function evaluateWarnings(rules: readonly WarningRule[], subjects: readonly WarningSubject[], asOf: IsoDate): Alert[] {
  checkWarningRules(rules);
  const today = dayNumber(asOf, ['asOf']);
  const alerts: Alert[] = [];
  for (const s of subjects)
    for (const r of rules) {
      const fire = (message: string, text: AlertText, inputs: Record<string, unknown>) =>
        alerts.push({
          id: `${r.id}/${s.id}/${asOf}`,
          ruleId: r.id,
          subjectId: s.id,
          severity: r.severity,
          date: asOf,
          message,
          text,
          inputs,
          status: 'open',
          owner: null,
          history: [{ date: asOf, action: 'opened', by: 'system' }],
        });
      if (r.kind === 'event') {
        const within = r.withinDays ?? 1;
        const hits = (s.events ?? []).filter(
          (e) => e.type === r.eventType && dayNumber(e.date) <= today && dayNumber(e.date) > today - within,
        );
        const dates = hits.map((e) => e.date).join(', ');
        if (hits.length)
          fire(`${r.eventType} on ${dates}`, { code: 'alert.event', params: { eventType: r.eventType, dates } }, { events: hits });
        continue;
      }
      const ind = s.indicators[r.indicator];
      const v = ind?.value ?? null;
      if (r.kind === 'missing') {
        const age = ind?.date === undefined ? null : today - dayNumber(ind.date);
        if (v === null || age === null || age > r.maxAgeDays)
          fire(
            v === null
              ? `${r.indicator} is missing`
              : age === null
                ? `${r.indicator} ${v} has no date`
                : `${r.indicator} is ${age} days old (more than ${r.maxAgeDays})`,
            v === null
              ? { code: 'alert.missing', params: { indicator: r.indicator } }
              : age === null
                ? { code: 'alert.undated', params: { indicator: r.indicator, value: v } }
                : { code: 'alert.stale', params: { indicator: r.indicator, age, maxAgeDays: r.maxAgeDays } },
            { value: v, date: ind?.date ?? null, maxAgeDays: r.maxAgeDays },
          );
      } else if (r.kind === 'mismatch') {
        const src = Object.entries(ind?.sources ?? {});
        if (src.length >= 2) {
          const vals = src.map(([, x]) => x);
          const spread = Math.max(...vals) - Math.min(...vals);
          if (spread > r.tolerance)
            fire(
              `${r.indicator} differs between sources by ${spread} (tolerance ${r.tolerance})`,
              { code: 'alert.mismatch', params: { indicator: r.indicator, spread, tolerance: r.tolerance } },
              { sources: ind!.sources, spread, tolerance: r.tolerance },
            );
        }
      } else if (v !== null) {
        if (r.kind === 'threshold') {
          if (compare(v, r.op, r.value))
            fire(
              `${r.indicator} ${v} ${r.op} ${r.value}`,
              { code: 'alert.threshold', params: { indicator: r.indicator, value: v, op: r.op, limit: r.value } },
              { value: v, op: r.op, limit: r.value },
            );
        } else if (ind?.previous !== undefined) {
          const drop = r.relative ? (ind.previous - v) / Math.abs(ind.previous) : ind.previous - v;
          if (ind.previous !== 0 || !r.relative)
            if (drop >= r.by) {
              const shown = r.relative ? `${(100 * drop).toFixed(1)} %` : drop;
              fire(
                `${r.indicator} fell from ${ind.previous} to ${v} (${shown})`,
                { code: 'alert.drop', params: { indicator: r.indicator, previous: ind.previous, value: v, drop: shown } },
                { previous: ind.previous, value: v, drop, by: r.by },
              );
            }
        }
      }
    }
  return alerts;
}

/** Merge new alerts into a list: an unresolved alert of the same rule and subject is kept instead of a new one. */
export function mergeAlerts(existing: readonly Alert[], fresh: readonly Alert[]): Alert[] {
  const out = [...existing];
  for (const a of fresh) {
    if (out.some((o) => o.id === a.id || (o.ruleId === a.ruleId && o.subjectId === a.subjectId && o.status !== 'resolved'))) continue;
    out.push(a);
  }
  return out;
}

function step(
  alert: Alert,
  allowedFrom: AlertStatus[],
  to: AlertStatus,
  action: Alert['history'][number]['action'],
  by: string,
  date: IsoDate,
  note?: string,
): Alert {
  dayNumber(date, ['date']);
  if (!by) throw new ValidationError([{ path: ['by'], message: 'say who did it' }]);
  if (!allowedFrom.includes(alert.status))
    throw new ValidationError([
      {
        path: ['status'],
        message: `alert ${alert.id} is ${alert.status}; it cannot be ${action}`,
        allowed: `from ${allowedFrom.join(' or ')}`,
      },
    ]);
  return { ...alert, status: to, history: [...alert.history, { date, action, by, ...(note === undefined ? {} : { note }) }] };
}

/** Give an unresolved alert an owner. */
export function assignAlert(alert: Alert, owner: string, by: string, date: IsoDate): Alert {
  if (!owner) throw new ValidationError([{ path: ['owner'], message: 'an owner is needed' }]);
  return { ...step(alert, ['open', 'acknowledged'], alert.status, 'assigned', by, date, owner), owner };
}

/** open → acknowledged (the acknowledging user becomes the owner unless one is set). */
export function acknowledgeAlert(alert: Alert, by: string, date: IsoDate): Alert {
  return { ...step(alert, ['open'], 'acknowledged', 'acknowledged', by, date), owner: alert.owner ?? by };
}

/** acknowledged → resolved, with a note saying what was done. */
export function resolveAlert(alert: Alert, by: string, date: IsoDate, note: string): Alert {
  if (!note?.trim()) throw new ValidationError([{ path: ['note'], message: 'say how the alert was resolved' }]);
  return step(alert, ['acknowledged'], 'resolved', 'resolved', by, date, note);
}
