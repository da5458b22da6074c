// A headless EIP-1193 wallet for the browser tests, added before the page's own scripts. It answers eth_chainId and
// eth_accounts from its state, forwards other reads through the portal's own RPC proxy (same origin, as the page's
// content security policy requires), and queues every request a user would confirm (accounts, transactions, chain
// switches) for the Java side (TestWallet), which approves or rejects it.
(() => {
  const INTERACTIVE = new Set(["eth_requestAccounts", "eth_sendTransaction", "wallet_switchEthereumChain",
    "wallet_addEthereumChain", "personal_sign", "eth_sign", "eth_signTypedData_v4"]);
  const pending = new Map();
  const listeners = {};
  let nextId = 1;
  // the state survives a reload of the page, as a real wallet's does
  const saved = sessionStorage.getItem("testWalletState:__ADDRESS__");
  const wallet = {
    state: saved ? JSON.parse(saved) : { chainId: __CHAIN_ID__, accounts: [] },
    queue: [],
    setState(state) {
      wallet.state = state;
      sessionStorage.setItem("testWalletState:__ADDRESS__", JSON.stringify(state));
    },
    resolve(id, result) {
      const p = pending.get(id);
      pending.delete(id);
      if (p) p.resolve(result);
    },
    reject(id, code, message) {
      const p = pending.get(id);
      pending.delete(id);
      if (p) {
        const error = new Error(message);
        error.code = code;
        p.reject(error);
      }
    },
    emit(event, value) {
      for (const listener of listeners[event] || []) listener(value);
    },
  };
  async function forward(method, params) {
    const response = await fetch("/rpc/" + wallet.state.chainId, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const answer = await response.json();
    if (answer.error) {
      const error = new Error(answer.error.message);
      error.code = answer.error.code;
      error.data = answer.error.data;
      throw error;
    }
    return answer.result;
  }
  window.__testWallet = wallet;
  window.ethereum = {
    isTestWallet: true,
    request({ method, params }) {
      params = params || [];
      if (method === "eth_chainId") return Promise.resolve("0x" + wallet.state.chainId.toString(16));
      if (method === "eth_accounts") return Promise.resolve(wallet.state.accounts.slice());
      if (!INTERACTIVE.has(method)) return forward(method, params);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        wallet.queue.push({ id, method, params });
      });
    },
    on(event, listener) {
      (listeners[event] = listeners[event] || []).push(listener);
    },
    removeListener(event, listener) {
      listeners[event] = (listeners[event] || []).filter((l) => l !== listener);
    },
  };
})();
