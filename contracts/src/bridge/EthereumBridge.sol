// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";
import {TokenBridgeBase} from "./TokenBridgeBase.sol";
import {WrappedBased} from "./WrappedBased.sol";

/// @title The Ethereum end of the token bridge: mints wBASED for BASED locked on BasedAI, within a per-epoch mint
///        limit, and burns wBASED to release BASED there. A mint over the limit fails and stays retryable in the
///        messenger.
contract EthereumBridge is TokenBridgeBase {
    error BridgeRateLimited(uint256 requested, uint256 available);

    uint256 public constant RATE_EPOCH = 1 hours;

    WrappedBased public immutable WBASED;
    uint256 public immutable MINT_LIMIT_PER_EPOCH;
    uint256 private _epoch;
    uint256 private _mintedInEpoch;

    constructor(CrossDomainMessenger messenger, address basedBridge, uint256 mintLimitPerEpoch) TokenBridgeBase(messenger) {
        remote = basedBridge;
        MINT_LIMIT_PER_EPOCH = mintLimitPerEpoch;
        WBASED = new WrappedBased(address(this));
    }

    function finalizeMint(address to, uint256 amount) external onlyRemote {
        uint256 epoch = block.timestamp / RATE_EPOCH;
        if (epoch != _epoch) {
            _epoch = epoch;
            _mintedInEpoch = 0;
        }
        uint256 available = MINT_LIMIT_PER_EPOCH - _mintedInEpoch;
        if (amount > available) revert BridgeRateLimited(amount, available);
        _mintedInEpoch += amount;
        WBASED.mint(to, amount);
        emit BridgeFinalized(to, amount);
    }

    function bridgeToBasedAi(address to, uint256 amount) external returns (bytes32 messageHash) {
        if (amount == 0) revert BridgeZeroAmount();
        WBASED.burn(msg.sender, amount);
        messageHash = MESSENGER.sendMessage(remote, abi.encodeCall(IBasedBridge.finalizeRelease, (to, amount)));
        emit BridgeInitiated(msg.sender, to, amount, messageHash);
    }
}

interface IBasedBridge {
    function finalizeRelease(address to, uint256 amount) external;
}
