/**
 * The monitoring settings: the classification day bands (default the 2023 Chinese floors), the
 * grace days, the optional borrower-level downgrade, the collateral LTV levels, cure days and
 * per-item LTV limit. One document in `monitoring_settings`; every absent field takes its default.
 */
import { type BorrowerDowngradeRule, CHINA_2023_BANDS, type DayBand, type LtvLevels, validateDayBands } from '@scf-risk/core';
import { eq } from 'drizzle-orm';
import { monitoringSettings } from '../../db/schema.ts';
import type { Tx } from '../../db/store.ts';

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
