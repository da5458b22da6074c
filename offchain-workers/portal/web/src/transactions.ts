import type { Abi, Address, Hash } from "viem";
import { reader, writer } from "./clients";
import { chainByKey } from "./manifest";
import type { PageContext } from "./page";

export interface ContractCall {
  address: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
}

/**
 * Sends one contract call from the connected wallet on Ethereum: first simulated through the portal (a revert comes
 * back decoded before the user is asked to sign), then signed by the wallet, then waited for.
 */
export async function sendOnEthereum(context: PageContext, call: ContractCall): Promise<Hash> {
  const ethereum = chainByKey(context.manifest, "ethereum");
  const account = requireAccount(context, ethereum.chainId);
  const client = reader(ethereum);
  await client.simulateContract({ ...call, account } as any);
  const hash = await writer(ethereum, context.wallet.eip1193).writeContract({ ...call, account } as any);
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 250 });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return hash;
}

/** The wallet's account, or an error saying what to do first (connect, or switch chains). */
export function requireAccount(context: PageContext, chainId: number): Address {
  const state = context.wallet.current;
  if (!state.account) throw new Error("connect your wallet first");
  if (state.chainId !== chainId) throw new Error(`switch your wallet to chain ${chainId} first (the banner above offers it)`);
  return state.account;
}
