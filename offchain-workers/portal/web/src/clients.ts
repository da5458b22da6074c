import { createPublicClient, createWalletClient, custom, defineChain, http } from "viem";
import type { Chain, PublicClient, WalletClient } from "viem";
import type { ChainInfo } from "./manifest";
import type { Eip1193 } from "./wallet";

/** viem's description of a chain; its RPC is the portal's proxy (absolute, as viem's http transport wants). */
export function viemChain(info: ChainInfo): Chain {
  const rpc = new URL(info.rpc, window.location.origin).toString();
  return defineChain({
    id: info.chainId,
    name: info.name,
    nativeCurrency: info.key === "basedai" ? { name: "BASED", symbol: "BASED", decimals: 18 } : { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpc] } },
  });
}

const readers = new Map<number, PublicClient>();

/** Reads go through the portal's RPC proxy, never through the wallet. */
export function reader(info: ChainInfo): PublicClient {
  let client = readers.get(info.chainId);
  if (!client) {
    const chain = viemChain(info);
    client = createPublicClient({ chain, transport: http(chain.rpcUrls.default.http[0], { retryCount: 0 }), pollingInterval: 250 });
    readers.set(info.chainId, client);
  }
  return client;
}

/** Writes are signed by the wallet: the page never sees a key. */
export function writer(info: ChainInfo, provider: Eip1193): WalletClient {
  return createWalletClient({ chain: viemChain(info), transport: custom(provider) });
}
