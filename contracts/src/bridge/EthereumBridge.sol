// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";
import {TokenBridgeBase} from "./TokenBridgeBase.sol";
import {WrappedBased} from "./WrappedBased.sol";

/// @title The Ethereum end of the token bridge: mints wBASED for BASED locked on BasedAI, within a per-epoch mint
///        limit, and burns wBASED to release BASED there. A mint over the limit fails and stays retryable in the
///        messenger; a mint that has failed for REFUND_DELAY after its lock can instead be refunded: the transfer is
///        voided here (a later retry of its mint reverts) and a message takes the BASED back to its owner.
contract EthereumBridge is TokenBridgeBase {
    error BridgeRateLimited(uint256 requested, uint256 available);
    error BridgeTransferRefunded(uint256 transferId);
    error BridgeNotAMint(bytes4 selector);
    error BridgeMintNotFailed(bytes32 messageHash);
    error BridgeRefundTooEarly(uint256 refundableAt);

    event BridgeRefundRequested(uint256 indexed transferId, address indexed from, uint256 amount, bytes32 messageHash);

    uint256 public constant RATE_EPOCH = 1 hours;
    /// @notice How long after its lock a failed mint becomes refundable: time enough for retries after the rate
    ///         limit's epoch turns.
    uint256 public constant REFUND_DELAY = 1 days;

    WrappedBased public immutable WBASED;
    uint256 public immutable MINT_LIMIT_PER_EPOCH;
    uint256 private _epoch;
    uint256 private _mintedInEpoch;
    mapping(uint256 transferId => bool) public refunded;

    constructor(CrossDomainMessenger messenger, address basedBridge, uint256 mintLimitPerEpoch) TokenBridgeBase(messenger) {
        remote = basedBridge;
        MINT_LIMIT_PER_EPOCH = mintLimitPerEpoch;
        WBASED = new WrappedBased(address(this));
    }

    function finalizeMint(address, address to, uint256 amount, uint256 transferId, uint256) external onlyRemote {
        if (refunded[transferId]) revert BridgeTransferRefunded(transferId);
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

    /// @notice Anyone may void a mint that failed and was never retried successfully, REFUND_DELAY after its lock;
    ///         the locked BASED goes back to the account that locked it on BasedAI.
    /// @param nonce the mint message's nonce on the BasedAI messenger
    /// @param data the mint message's data (a finalizeMint call), as its SentMessage event carries it
    function refundFailedMint(uint256 nonce, bytes calldata data) external returns (bytes32 messageHash) {
        if (bytes4(data[:4]) != this.finalizeMint.selector) revert BridgeNotAMint(bytes4(data[:4]));
        _requireFailed(MESSENGER.hashMessage(MESSENGER.REMOTE_CHAIN_ID(), block.chainid, nonce, remote, address(this), 0,
            REMOTE_GAS_LIMIT, data));
        (address from,, uint256 amount, uint256 transferId, uint256 lockedAt) =
            abi.decode(data[4:], (address, address, uint256, uint256, uint256));
        if (refunded[transferId]) revert BridgeTransferRefunded(transferId);
        if (block.timestamp < lockedAt + REFUND_DELAY) revert BridgeRefundTooEarly(lockedAt + REFUND_DELAY);
        refunded[transferId] = true;
        messageHash = MESSENGER.sendMessage(remote, abi.encodeCall(IBasedBridge.finalizeRefund, (transferId, from, amount)),
            REMOTE_GAS_LIMIT);
        emit BridgeRefundRequested(transferId, from, amount, messageHash);
    }

    /// @dev Only a mint the messenger recorded failed and never executed may be refunded.
    function _requireFailed(bytes32 mintHash) private view {
        if (!MESSENGER.failedMessages(mintHash) || MESSENGER.successfulMessages(mintHash)) revert BridgeMintNotFailed(mintHash);
    }

    function bridgeToBasedAi(address to, uint256 amount) external returns (bytes32 messageHash) {
        if (amount == 0) revert BridgeZeroAmount();
        WBASED.burn(msg.sender, amount);
        messageHash = MESSENGER.sendMessage(remote, abi.encodeCall(IBasedBridge.finalizeRelease, (to, amount)), REMOTE_GAS_LIMIT);
        emit BridgeInitiated(msg.sender, to, amount, messageHash);
    }
}

interface IBasedBridge {
    function finalizeRelease(address to, uint256 amount) external;
    function finalizeRefund(uint256 transferId, address from, uint256 amount) external;
}
