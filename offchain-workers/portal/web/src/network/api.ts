/** GET /v1/network/<path>: the portal's aggregated chain reads; an error carries the portal's own message. */
export async function network<T>(path: string): Promise<T> {
  const response = await fetch(`/v1/network/${path}`, { headers: { accept: "application/json" } });
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`the portal answered ${response.status}: ${text.slice(0, 200)}`);
  }
  if (!response.ok) throw new Error(body?.error ?? `the portal answered ${response.status}`);
  return body as T;
}

/** An amount of base units (18 decimals, as a decimal string) as a short number of whole tokens. */
export function tokens(baseUnits: string | bigint, digits = 2): string {
  const value = typeof baseUnits === "bigint" ? baseUnits : BigInteger(baseUnits);
  const whole = value / 10n ** 18n;
  const fraction = Number(value % 10n ** 18n) / 1e18;
  const shown = Number(whole) + fraction;
  return shown.toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** The same amount as a plain number of tokens, for plots. */
export function tokenNumber(baseUnits: string): number {
  return Number(BigInteger(baseUnits) / 10n ** 12n) / 1e6;
}

function BigInteger(text: string): bigint {
  return /^[0-9]+$/.test(text) ? BigInt(text) : 0n;
}

export function percentFromBps(bps: number): string {
  return (bps / 100).toLocaleString("en-US", { maximumFractionDigits: 2 }) + "%";
}
