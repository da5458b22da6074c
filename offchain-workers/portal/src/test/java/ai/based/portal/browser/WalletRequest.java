package ai.based.portal.browser;

import java.util.List;

/** One EIP-1193 request the page made to the test wallet, waiting for the test's answer. */
public record WalletRequest(long id, String method, List<Object> params) {}
