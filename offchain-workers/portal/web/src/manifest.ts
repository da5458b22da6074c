import type { Abi, Address } from "viem";

/** One chain as the portal serves it: reads go to `rpc` (the portal's proxy), a wallet adds `nodeRpc`. */
export interface ChainInfo {
  key: "ethereum" | "basedai";
  chainId: number;
  name: string;
  /** the portal's own JSON-RPC proxy for this chain, e.g. /rpc/1337 (relative to the page's origin) */
  rpc: string;
  /** the node's own URL, for a wallet's "add network" */
  nodeRpc: string;
  /** where the deployment's history starts: event scans begin here */
  deployedAtBlock: number;
  contracts: Record<string, Address>;
}

/** GET /v1/manifest: both chains of the deployment and the ABIs of the contracts the page calls. */
export interface PortalManifest {
  network: string;
  chains: ChainInfo[];
  abis: Record<string, Abi>;
}

export async function loadManifest(): Promise<PortalManifest> {
  const response = await fetch("/v1/manifest", { headers: { accept: "application/json" } });
  if (!response.ok) {
    throw new Error(`the portal has no deployment to show (${response.status}): ${await response.text()}`);
  }
  return (await response.json()) as PortalManifest;
}

export function chainByKey(manifest: PortalManifest, key: ChainInfo["key"]): ChainInfo {
  const chain = manifest.chains.find((c) => c.key === key);
  if (!chain) throw new Error(`the deployment has no ${key} chain`);
  return chain;
}

/** A contract's address and ABI, or an error naming what the deployment lacks. */
export function contract(manifest: PortalManifest, key: ChainInfo["key"], name: string): { address: Address; abi: Abi } {
  const address = chainByKey(manifest, key).contracts[name];
  const abi = manifest.abis[name];
  if (!address) throw new Error(`the deployment has no ${name}: run 'based deploy'`);
  if (!abi) throw new Error(`the portal serves no ABI for ${name}`);
  return { address, abi };
}
