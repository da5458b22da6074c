// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";
import {TokenBridgeBase} from "./TokenBridgeBase.sol";

/// @title The BasedAI end of the token bridge: locks BASED for wBASED minted on Ethereum, releases it when wBASED
///        is burned there.
/// @custom:invariant wBASED.totalSupply() on Ethereum <= BASED held by this contract (locked), once every sent
///                   message is delivered; in flight, locked BASED exceeds wBASED by the amounts in transit.
contract BasedBridge is TokenBridgeBase {
    using SafeERC20 for IERC20;

    error BridgeRemoteAlreadySet();

    IERC20 public immutable BASED;
    address private immutable DEPLOYER;

    constructor(CrossDomainMessenger messenger, IERC20 based) TokenBridgeBase(messenger) {
        BASED = based;
        DEPLOYER = msg.sender;
    }

    /// @notice One-time wiring to the Ethereum bridge, deployed after this contract.
    function setRemoteBridge(address bridge) external {
        if (msg.sender != DEPLOYER || remoteBridge != address(0)) revert BridgeRemoteAlreadySet();
        remoteBridge = bridge;
    }

    function bridgeToEthereum(address to, uint256 amount) external returns (bytes32 messageHash) {
        if (amount == 0) revert BridgeZeroAmount();
        BASED.safeTransferFrom(msg.sender, address(this), amount);
        messageHash = MESSENGER.sendMessage(remoteBridge, abi.encodeCall(IEthereumBridge.finalizeMint, (to, amount)));
        emit BridgeInitiated(msg.sender, to, amount, messageHash);
    }

    function finalizeRelease(address to, uint256 amount) external onlyRemoteBridge {
        BASED.safeTransfer(to, amount);
        emit BridgeFinalized(to, amount);
    }
}

interface IEthereumBridge {
    function finalizeMint(address to, uint256 amount) external;
}
