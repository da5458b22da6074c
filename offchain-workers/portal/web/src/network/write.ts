import type { Abi, Address, TransactionReceipt } from "viem";
import { reader, writer } from "../clients";
import type { ChainInfo } from "../manifest";
import type { PageContext } from "../page";

export interface Call {
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
}

/**
 * One write through the wallet: the wallet must be connected and on `chain` (switched when it is not), the call is
 * simulated first so a refusal shows the contract's reason before anything is signed, then the wallet signs and the
 * page waits for the receipt (read through the portal's proxy).
 */
export async function send(context: PageContext, chain: ChainInfo, call: Call): Promise<TransactionReceipt> {
  const state = context.wallet.current;
  if (!state.account) throw new Error("connect a wallet first (the button at the top right)");
  if (state.chainId !== chain.chainId) await context.wallet.switchTo(chain);
  const client = reader(chain);
  const { request } = await client.simulateContract({ ...call, account: state.account } as any);
  const hash = await writer(chain, context.wallet.eip1193).writeContract({ ...(request as any), account: state.account, chain: undefined });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 250 });
  if (receipt.status !== "success") throw new Error(`the transaction ${hash} reverted`);
  return receipt;
}
