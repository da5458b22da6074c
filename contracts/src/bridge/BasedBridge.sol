// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";
import {TokenBridgeBase} from "./TokenBridgeBase.sol";

/// @title The BasedAI end of the token bridge: locks BASED for wBASED minted on Ethereum, releases it when wBASED
///        is burned there, and gives locked BASED back when Ethereum reports the mint refunded.
/// @notice A lock the Ethereum end could never mint (above its per-epoch mint limit) is refused here. Each lock is a
///         numbered transfer; should its mint fail for any other reason, anyone may ask the Ethereum end for a refund
///         after EthereumBridge.REFUND_DELAY, which voids the mint there and sends finalizeRefund back.
/// @custom:invariant wBASED.totalSupply() on Ethereum <= BASED held by this contract (locked), once every sent
///                   message is delivered; in flight, locked BASED exceeds wBASED by the amounts in transit.
contract BasedBridge is TokenBridgeBase {
    using SafeERC20 for IERC20;

    error BridgeAmountAboveMintLimit(uint256 amount, uint256 mintLimit);

    event BridgeRefunded(uint256 indexed transferId, address indexed from, uint256 amount);

    IERC20 public immutable BASED;
    /// @notice The Ethereum end's mint limit per epoch: no single lock may exceed it.
    uint256 public immutable MINT_LIMIT;
    /// @notice Locks so far; the next lock's transfer id.
    uint256 public transfers;

    /// @dev The Ethereum bridge is deployed after this contract and wired with setRemote.
    constructor(CrossDomainMessenger messenger, IERC20 based, uint256 mintLimit) TokenBridgeBase(messenger) {
        BASED = based;
        MINT_LIMIT = mintLimit;
    }

    function bridgeToEthereum(address to, uint256 amount) external returns (bytes32 messageHash) {
        if (amount == 0) revert BridgeZeroAmount();
        if (amount > MINT_LIMIT) revert BridgeAmountAboveMintLimit(amount, MINT_LIMIT);
        BASED.safeTransferFrom(msg.sender, address(this), amount);
        uint256 transferId = transfers++;
        messageHash = MESSENGER.sendMessage(remote, abi.encodeCall(IEthereumBridge.finalizeMint,
            (msg.sender, to, amount, transferId, block.timestamp)), REMOTE_GAS_LIMIT);
        emit BridgeInitiated(msg.sender, to, amount, messageHash);
    }

    function finalizeRelease(address to, uint256 amount) external onlyRemote {
        BASED.safeTransfer(to, amount);
        emit BridgeFinalized(to, amount);
    }

    /// @notice The Ethereum end voided transfer `transferId`'s mint: its BASED goes back to whoever locked it. The
    ///         messenger runs each refund message once, and the Ethereum end sends at most one per transfer.
    function finalizeRefund(uint256 transferId, address from, uint256 amount) external onlyRemote {
        BASED.safeTransfer(from, amount);
        emit BridgeRefunded(transferId, from, amount);
    }
}

interface IEthereumBridge {
    function finalizeMint(address from, address to, uint256 amount, uint256 transferId, uint256 lockedAt) external;
}
