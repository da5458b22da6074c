import { formatUnits } from "viem";

/** A token amount (18 decimals) as people read it and as the CLI prints it: "1,400" or "1,400.5". */
export function formatToken(units: bigint): string {
  const [whole, fraction] = formatUnits(units, 18).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction ? `${grouped}.${fraction}` : grouped;
}
