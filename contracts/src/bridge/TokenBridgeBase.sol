// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";

/// @title What both token bridge ends share: they accept calls only from their messenger carrying a message from
///        the bridge on the other chain.
abstract contract TokenBridgeBase {
    error BridgeOnlyRemoteBridge(address caller, address remoteSender);
    error BridgeZeroAmount();

    event BridgeInitiated(address indexed from, address indexed to, uint256 amount, bytes32 messageHash);
    event BridgeFinalized(address indexed to, uint256 amount);

    CrossDomainMessenger public immutable MESSENGER;
    address public remoteBridge;

    constructor(CrossDomainMessenger messenger) {
        MESSENGER = messenger;
    }

    modifier onlyRemoteBridge() {
        if (msg.sender != address(MESSENGER) || MESSENGER.xDomainMessageSender() != remoteBridge) {
            revert BridgeOnlyRemoteBridge(msg.sender, msg.sender == address(MESSENGER) ? MESSENGER.xDomainMessageSender() : address(0));
        }
        _;
    }
}
