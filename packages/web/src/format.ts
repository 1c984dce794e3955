/**
 * Display formats: money from integer minor units (exact, via BigInt: never a float), rates,
 * weights and dates in the current language's conventions.
 */

/** Minor units → "1,234,567.89" (two decimals, the currencies of the book), with the currency code. */
export function money(m: { minor: string; currency: string }, lang: string): string {
  return `${amount(m.minor, lang)} ${m.currency}`;
}

/** Minor units (an integer string or a safe integer) → "1,234,567.89", without a currency. */
export function amount(minor: string | number, lang: string): string {
  const v = BigInt(minor);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const whole = (abs / 100n).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '−' : ''}${whole}.${cents}`;
}

/**
 * Minor units → a short amount in whole currency units for a tile: "12.35亿" in Chinese, "1.24B" in
 * English (rounded for display; the exact amount is `amount`).
 */
export function compactAmount(minor: string | number, lang: string): string {
  const units = Number(BigInt(minor) / 100n);
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { notation: 'compact', maximumFractionDigits: 2 }).format(units);
}

/** A decimal-string rate such as "0.045000" → "4.50 %". */
export function percent(decimal: string | number, digits = 2): string {
  return `${(Number(decimal) * 100).toFixed(digits)} %`;
}

/** A number with `digits` decimals, or "—" when null/undefined/not finite. */
export function num(v: number | null | undefined, digits = 4): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

/** An ISO timestamp → local date and time. */
export function dateTime(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** An amount typed in currency units ("1,000,000.5") → integer minor units as a string, or null when malformed. */
export function toMinor(typed: string): string | null {
  const m = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(typed.replaceAll(',', '').trim());
  if (!m) return null;
  return (BigInt(m[1] as string) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'))).toString();
}
