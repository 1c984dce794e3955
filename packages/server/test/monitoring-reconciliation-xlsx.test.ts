/**
 * Reconciliation from an XLSX workbook (POST /reconciliation/import, format `xlsx`) on each
 * backend, with a real workbook written by exceljs in the test: amounts exact (0.1 + 0.2 as cells
 * and as a formula, 1.15, text amounts, `amountMinor`), dates from date cells, Excel serial days
 * and text; a bad cell is a 422 naming it (`payments!C3`) with what is allowed, a missing sheet
 * names the sheet, bytes that are not a workbook are a 422, bad base64 a 400 — and nothing is
 * written by a refused import.
 */
import { dayNumber } from '@scf-risk/core';
import { excel } from '@scf-risk/io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOfCell, minorOfDecimal } from '../src/services/monitoring/reconciliation-xlsx.ts';
import { describeEachBackend } from './backends.ts';
import { type Harness, openHarness } from './harness.ts';

type Cell = string | number | { formula: string; result: number } | { date: string };
type Sheet = { name: string; header: string[]; rows: Cell[][] };

/** The workbook's bytes in base64 (a date cell `{date}` is written as an Excel date at UTC midnight). */
async function workbook(sheets: Sheet[]): Promise<string> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.header);
    for (const r of s.rows) ws.addRow(r.map((c) => (typeof c === 'object' && 'date' in c ? new Date(`${c.date}T00:00:00Z`) : c)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** Excel's serial day of an ISO date (1900 date system). */
const serial = (iso: string) => dayNumber(iso) + 25569;
const HEADER = ['id', 'tradeId', 'amount', 'date'];
const GOOD: Sheet[] = [
  {
    name: 'orders',
    header: HEADER,
    rows: [
      ['o1', 'T1', 0.1, { date: '2026-11-02' }],
      ['o2', 'T1', 0.2, serial('2026-11-02')],
      ['o3', 'T2', { formula: '0.1+0.2', result: 0.1 + 0.2 }, '2026-11-03'],
      ['o4', 'T3', 1.15, '2026/11/4'],
      ['o5', 'T4', 1234567.89, '2026-11-05'],
    ],
  },
  {
    name: 'Shipments',
    header: ['id', 'tradeId', 'amountMinor', 'date'],
    rows: [
      ['s1', 'T1', 30, '2026-11-06'],
      ['s2', 'T2', '30', '2026-11-06'],
      ['s3', 'T3', 115, '2026-11-06'],
      ['s4', 'T4', 123456789, '2026-11-06'],
    ],
  },
  {
    name: 'payments',
    header: HEADER,
    rows: [
      ['p1', 'T1', '0.30', { date: '2026-11-20' }],
      ['p2', 'T2', 0.3, serial('2026-11-20')],
      ['p3', 'T3', '1.15', '2026-11-20'],
      ['p4', 'T4', 1234567.88, '2026-11-20'],
    ],
  },
];

describe('XLSX cells (pure)', () => {
  it('reads amounts as decimals, never as floats times 100', () => {
    expect(minorOfDecimal('0.3', 2)).toBe(30);
    expect(minorOfDecimal('1.15', 2)).toBe(115);
    expect(minorOfDecimal('4.35', 2)).toBe(435);
    expect(minorOfDecimal('1234567.890', 2)).toBe(123456789);
    expect(minorOfDecimal('1.005', 2)).toBeUndefined();
    expect(minorOfDecimal('-1', 2)).toBeUndefined();
    expect(minorOfDecimal('1,000', 2)).toBeUndefined();
    expect(minorOfDecimal('90071992547409.92', 2)).toBeUndefined(); // beyond 2^53 − 1 fen
    expect(minorOfDecimal('12', 0)).toBe(12);
    expect(minorOfDecimal('12.5', 0)).toBeUndefined();
  });

  it('reads dates: serial days (1900 system), ISO and slashed text; refuses impossible ones', () => {
    expect(dateOfCell(46356)).toBe('2026-11-30');
    expect(dateOfCell(61)).toBe('1900-03-01');
    expect(dateOfCell(60)).toBeUndefined();
    expect(dateOfCell(46356.5)).toBeUndefined();
    expect(dateOfCell('2026/2/3')).toBe('2026-02-03');
    expect(dateOfCell('2026-02-30')).toBeUndefined();
    expect(dateOfCell('3 Feb 2026')).toBeUndefined();
  });
});

describeEachBackend('reconciliation from XLSX', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(backend);
  }, 180_000);
  afterAll(() => h?.close());

  const post = (payload: unknown) =>
    h.app.inject({
      method: 'POST',
      url: '/reconciliation/import',
      headers: { cookie: h.cookie['risk-officer'] },
      payload: payload as object,
    });
  const imports = async () => (await h.store.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM reconciliation_imports'))[0]?.n;

  it('imports the three sheets with exact amounts and dates; 0.1 + 0.2 is 30 fen', async () => {
    const r = await post({ format: 'xlsx', workbook: await workbook(GOOD) });
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({ trades: expect.any(Array), matched: 3, unmatched: 1 });
    const events = await h.store.raw.query<{ rec: string; amount: string; on: string }>(
      `SELECT details->>'recordId' AS rec, amount_minor::text AS amount, occurred_on::text AS on FROM trade_events
        WHERE details->>'importId' = $1 ORDER BY 1`,
      [body.importId],
    );
    expect(events.map((e) => `${e.rec} ${e.amount} ${e.on}`)).toEqual([
      'o1 10 2026-11-02',
      'o2 20 2026-11-02',
      'o3 30 2026-11-03',
      'o4 115 2026-11-04',
      'o5 123456789 2026-11-05',
      'p1 30 2026-11-20',
      'p2 30 2026-11-20',
      'p3 115 2026-11-20',
      'p4 123456788 2026-11-20',
      's1 30 2026-11-06',
      's2 30 2026-11-06',
      's3 115 2026-11-06',
      's4 123456789 2026-11-06',
    ]);
    const mismatches = (
      await h.app.inject({ method: 'GET', url: '/reconciliation/mismatches', headers: { cookie: h.cookie.auditor } })
    ).json();
    // T4 is paid one fen short: the payment against the order and against the shipment.
    expect(mismatches.mismatches.map((m: { tradeId: string; type: string }) => `${m.tradeId} ${m.type}`)).toEqual([
      'T4 amount-mismatch',
      'T4 amount-mismatch',
    ]);
  });

  it('a bad cell is a 422 naming it (sheet!cell) with what is allowed; every bad cell at once; nothing written', async () => {
    const before = await imports();
    const bad = structuredClone(GOOD) as Sheet[];
    (bad[2] as Sheet).rows[1] = ['p2', 'T2', 'abc', '2026-11-20'];
    (bad[2] as Sheet).rows[2] = ['p3', 'T3', 1.005, '2026-02-30'];
    (bad[0] as Sheet).rows[0] = ['o1', '', 0.1, '2026-11-02'];
    const r = await post({ format: 'xlsx', workbook: await workbook(bad) });
    expect(r.statusCode, r.body).toBe(422);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    const errors = r.json().errors as { path: string; message: string; allowed?: string }[];
    expect(errors.map((e) => `${e.path} | ${e.message.split(':')[0]}`)).toEqual([
      'orders[0].tradeId | orders!B2',
      'payments[1].amount | payments!C3',
      'payments[2].amount | payments!C4',
      'payments[2].date | payments!D4',
    ]);
    expect(errors[1]?.message).toBe('payments!C3: "abc" is not an amount');
    expect(errors[1]?.allowed).toMatch(/at most 2 decimals/);
    expect(errors[2]?.message).toBe('payments!C4: "1.005" is not an amount');
    expect(errors[3]?.allowed).toMatch(/Excel serial day number/);
    expect(await imports()).toBe(before);
  });

  it('a missing sheet or column is named; bytes that are not a workbook are a 422; bad base64 a 400', async () => {
    const before = await imports();
    const noShipments = await post({ format: 'xlsx', workbook: await workbook([GOOD[0] as Sheet, GOOD[2] as Sheet]) });
    expect(noShipments.statusCode).toBe(422);
    expect(noShipments.json().errors).toEqual([
      {
        path: 'shipments',
        message: 'the workbook has no sheet shipments',
        allowed: 'sheets orders, shipments and payments (it has: orders, payments)',
      },
    ]);
    const noDate = await post({
      format: 'xlsx',
      workbook: await workbook([{ name: 'orders', header: ['id', 'tradeId', 'amount'], rows: [['o1', 'T1', 1]] }, ...GOOD.slice(1)]),
    });
    expect(noDate.statusCode).toBe(422);
    expect(noDate.json().errors[0]).toMatchObject({ path: 'orders', message: 'sheet orders lacks the column(s) date in its header row' });
    const notXlsx = await post({ format: 'xlsx', workbook: Buffer.from('id,tradeId\n').toString('base64') });
    expect(notXlsx.statusCode).toBe(422);
    expect(notXlsx.json().errors[0].message).toMatch(/not a valid XLSX workbook/);
    const notBase64 = await post({ format: 'xlsx', workbook: 'not base64!' });
    expect(notBase64.statusCode).toBe(400);
    expect(notBase64.json().errors.some((e: { path: string }) => e.path === 'workbook')).toBe(true);
    expect(await imports()).toBe(before);
  });
});
