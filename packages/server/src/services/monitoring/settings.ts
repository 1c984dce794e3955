/**
 * The monitoring settings: the classification day bands (default the 2023 Chinese floors), the
 * grace days, the optional borrower-level downgrade, the collateral LTV levels, cure days and
 * per-item LTV limit. One document in `monitoring_settings`; every absent field takes its default.
 * `updateSettings` (PUT /monitoring/settings) replaces the document after core's checks (day bands
 * without gaps or overlaps, LTV levels increasing) with an audit entry holding before and after;
 * the settings apply to the runs from then on (a date run again uses them).
 */
import {
  type BorrowerDowngradeRule,
  CHINA_2023_BANDS,
  type DayBand,
  type LtvLevels,
  ValidationError,
  validateDayBands,
  valueCollateral,
} from '@scf-risk/core';
import { eq } from 'drizzle-orm';
import { monitoringSettings } from '../../db/schema.ts';
import type { Tx } from '../../db/store.ts';
import { audit, type ServiceContext } from '../context.ts';

export interface MonitoringSettings {
  bands: DayBand[];
  graceDays: number;
  borrowerDowngrade: BorrowerDowngradeRule | null;
  collateral: { levels: LtvLevels; cureDays: number; ltvLimit: number };
}

export const DEFAULT_SETTINGS: MonitoringSettings = {
  bands: [...CHINA_2023_BANDS],
  graceDays: 0,
  borrowerDowngrade: null,
  collateral: { levels: { warning: 0.7, marginCall: 0.8, liquidation: 0.9 }, cureDays: 5, ltvLimit: 0.7 },
};

/** The settings in force (stored fields over the defaults). */
export async function loadSettings(tx: Tx): Promise<MonitoringSettings> {
  const [row] = await tx.select().from(monitoringSettings).where(eq(monitoringSettings.id, 'default'));
  const s = (row?.settings ?? {}) as Partial<MonitoringSettings>;
  return {
    bands: validateDayBands(s.bands ?? DEFAULT_SETTINGS.bands),
    graceDays: s.graceDays ?? DEFAULT_SETTINGS.graceDays,
    borrowerDowngrade: s.borrowerDowngrade ?? null,
    collateral: { ...DEFAULT_SETTINGS.collateral, ...(s.collateral ?? {}) },
  };
}

/** Store the settings document (validated by the caller's schema; bands by core). */
export async function saveSettings(tx: Tx, settings: Partial<MonitoringSettings>): Promise<void> {
  if (settings.bands) validateDayBands(settings.bands);
  await tx
    .insert(monitoringSettings)
    .values({ id: 'default', settings: settings as Record<string, unknown> })
    .onConflictDoUpdate({ target: monitoringSettings.id, set: { settings: settings as Record<string, unknown>, updatedAt: new Date() } });
}

/** The settings document as PUT sends it: absent fields take their defaults. */
export type SettingsInput = Partial<Omit<MonitoringSettings, 'collateral'>> & { collateral?: Partial<MonitoringSettings['collateral']> };

/** Check, store and audit a new settings document (see the module comment); the settings in force after. */
export async function updateSettings(ctx: ServiceContext, input: SettingsInput): Promise<MonitoringSettings> {
  const next: MonitoringSettings = {
    bands: input.bands ?? DEFAULT_SETTINGS.bands,
    graceDays: input.graceDays ?? DEFAULT_SETTINGS.graceDays,
    borrowerDowngrade: input.borrowerDowngrade ?? null,
    collateral: { ...DEFAULT_SETTINGS.collateral, ...(input.collateral ?? {}) },
  };
  try {
    validateDayBands(next.bands);
  } catch (e) {
    throw e instanceof ValidationError ? e.at('bands') : e;
  }
  try {
    // Core's collateral valuation checks the levels (positive, warning < marginCall < liquidation).
    valueCollateral(0, [], next.collateral.levels);
  } catch (e) {
    throw e instanceof ValidationError ? e.at('collateral') : e;
  }
  return ctx.store.db.transaction(async (tx) => {
    const before = await loadSettings(tx);
    await saveSettings(tx, next);
    const after = await loadSettings(tx);
    await audit(tx, ctx, { entity: 'monitoring-settings', entityId: 'default', action: 'update', before, after });
    return after;
  });
}
