import type { Address, PublicClient } from "viem";
import { reader } from "./clients";
import { chainByKey, contract } from "./manifest";
import type { PortalManifest } from "./manifest";

export const NUMBER_SPACE = 1024;
/** the widest log window the portal's RPC proxy forwards */
const LOG_WINDOW = 10_000n;

export type NumberState = "free" | "burn" | "stake" | "reserved";

export interface BrainNumber {
  id: number;
  state: NumberState;
  owner?: Address;
}

/** The 1,024 Brain numbers as the Ethereum chain has them now, rebuilt from BrainNFT's and BrainPortal's events. */
export interface BrainNumbers {
  numbers: BrainNumber[];
  counts: Record<NumberState, number>;
  /** the number the next acquisition gets (the lowest free one), or undefined when every number is taken */
  next?: number;
}

/**
 * Reads mints and burns (ERC-721 Transfer) and how each Brain was acquired (BrainAcquired) in windows the proxy
 * allows. A number minted without BrainAcquired is one of the reserved ones the token minted at deployment.
 */
export async function readBrainNumbers(manifest: PortalManifest): Promise<BrainNumbers> {
  const ethereum = chainByKey(manifest, "ethereum");
  const client = reader(ethereum);
  const nft = contract(manifest, "ethereum", "BrainNFT");
  const portal = contract(manifest, "ethereum", "BrainPortal");
  const head = await client.getBlockNumber();
  const owners = new Map<number, Address>();
  const methods = new Map<number, NumberState>();
  for (let from = BigInt(ethereum.deployedAtBlock); from <= head; from += LOG_WINDOW) {
    const to = from + LOG_WINDOW - 1n < head ? from + LOG_WINDOW - 1n : head;
    const [transfers, acquisitions] = await Promise.all([
      events(client, nft, "Transfer", from, to),
      events(client, portal, "BrainAcquired", from, to),
    ]);
    for (const log of transfers) {
      const id = Number(log.args.tokenId);
      if (log.args.to === ZERO) {
        owners.delete(id);
        methods.delete(id);
      } else {
        owners.set(id, log.args.to as Address);
      }
    }
    for (const log of acquisitions) {
      methods.set(Number(log.args.brainId), Number(log.args.method) === 1 ? "burn" : "stake");
    }
  }
  const counts: Record<NumberState, number> = { free: 0, burn: 0, stake: 0, reserved: 0 };
  const numbers: BrainNumber[] = [];
  let next: number | undefined;
  for (let id = 0; id < NUMBER_SPACE; id++) {
    const owner = owners.get(id);
    const state: NumberState = owner ? methods.get(id) ?? "reserved" : "free";
    if (state === "free" && next === undefined) next = id;
    counts[state]++;
    numbers.push({ id, state, owner });
  }
  return { numbers, counts, next };
}

const ZERO = "0x0000000000000000000000000000000000000000";

type Log = { args: Record<string, unknown> };

async function events(client: PublicClient, target: ReturnType<typeof contract>, eventName: string, fromBlock: bigint, toBlock: bigint): Promise<Log[]> {
  // logs arrive in block order, so a number burned and issued again ends with its latest owner
  return (await client.getContractEvents({ ...target, eventName, fromBlock, toBlock, strict: true })) as unknown as Log[];
}
