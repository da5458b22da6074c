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

    IERC20 public immutable BASED;

    /// @dev The Ethereum bridge is deployed after this contract and wired with setRemote.
    constructor(CrossDomainMessenger messenger, IERC20 based) TokenBridgeBase(messenger) {
        BASED = based;
    }

    function bridgeToEthereum(address to, uint256 amount) external returns (bytes32 messageHash) {
        if (amount == 0) revert BridgeZeroAmount();
        BASED.safeTransferFrom(msg.sender, address(this), amount);
        messageHash = MESSENGER.sendMessage(remote, abi.encodeCall(IEthereumBridge.finalizeMint, (to, amount)));
        emit BridgeInitiated(msg.sender, to, amount, messageHash);
    }

    function finalizeRelease(address to, uint256 amount) external onlyRemote {
        BASED.safeTransfer(to, amount);
        emit BridgeFinalized(to, amount);
    }
}

interface IEthereumBridge {
    function finalizeMint(address to, uint256 amount) external;
}
