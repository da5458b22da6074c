import type { Address } from "viem";
import type { ChainInfo } from "./manifest";

/** The injected EIP-1193 provider (MetaMask and the like). */
export interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
  on?(event: string, listener: (...args: any[]) => void): void;
}

declare global {
  interface Window {
    ethereum?: Eip1193;
  }
}

export interface WalletState {
  available: boolean;
  account?: Address;
  chainId?: number;
}

/** The code a wallet gives a request its user refused (EIP-1193). */
export const USER_REJECTED = 4001;
/** The code of wallet_switchEthereumChain for a chain the wallet does not know (then wallet_addEthereumChain). */
const UNKNOWN_CHAIN = 4902;

export function errorCode(e: unknown): number | undefined {
  let cause: any = e;
  for (let depth = 0; cause && depth < 6; depth++) {
    if (typeof cause.code === "number") return cause.code;
    cause = cause.cause;
  }
  return undefined;
}

/** The connected wallet: its account and chain, kept current from the provider's events. */
export class Wallet {
  private state: WalletState;
  private readonly listeners: Array<(state: WalletState) => void> = [];

  constructor(private readonly provider: Eip1193 | undefined) {
    this.state = { available: provider !== undefined };
    provider?.on?.("accountsChanged", (accounts: string[]) => this.update({ account: accounts[0] as Address | undefined }));
    provider?.on?.("chainChanged", (chainId: string) => this.update({ chainId: Number.parseInt(chainId, 16) }));
  }

  get current(): WalletState {
    return this.state;
  }

  /** The provider, or an error saying how to get one. */
  get eip1193(): Eip1193 {
    if (!this.provider) throw new Error("no wallet found: install a browser wallet (e.g. MetaMask) to sign");
    return this.provider;
  }

  /** Calls the listener on every change of account or chain; returns what stops it. */
  onChange(listener: (state: WalletState) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  /** Asks the wallet for an account (the user may refuse: code 4001). */
  async connect(): Promise<void> {
    const accounts = (await this.eip1193.request({ method: "eth_requestAccounts" })) as string[];
    const chainId = (await this.eip1193.request({ method: "eth_chainId" })) as string;
    this.update({ account: accounts[0] as Address | undefined, chainId: Number.parseInt(chainId, 16) });
  }

  /** Reads the account and chain without prompting (a wallet already connected to this page). */
  async refresh(): Promise<void> {
    if (!this.provider) return;
    const accounts = (await this.provider.request({ method: "eth_accounts" })) as string[];
    const chainId = (await this.provider.request({ method: "eth_chainId" })) as string;
    this.update({ account: accounts[0] as Address | undefined, chainId: Number.parseInt(chainId, 16) });
  }

  /** Switches the wallet to the chain, adding it first when the wallet does not know it. */
  async switchTo(chain: ChainInfo): Promise<void> {
    const chainId = "0x" + chain.chainId.toString(16);
    try {
      await this.eip1193.request({ method: "wallet_switchEthereumChain", params: [{ chainId }] });
    } catch (e) {
      if (errorCode(e) !== UNKNOWN_CHAIN) throw e;
      await this.eip1193.request({
        method: "wallet_addEthereumChain",
        params: [{
          chainId,
          chainName: chain.name,
          rpcUrls: [chain.nodeRpc],
          nativeCurrency: chain.key === "basedai" ? { name: "BASED", symbol: "BASED", decimals: 18 } : { name: "Ether", symbol: "ETH", decimals: 18 },
        }],
      });
    }
    this.update({ chainId: chain.chainId });
  }

  private update(change: Partial<WalletState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener(this.state);
  }
}
