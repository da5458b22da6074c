// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BridgeEndpoint} from "./BridgeEndpoint.sol";
import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";

/// @title What both token bridge ends share: the endpoint wiring (calls only from the bridge on the other chain) and
///        the events a user follows a transfer by.
abstract contract TokenBridgeBase is BridgeEndpoint {
    error BridgeZeroAmount();

    event BridgeInitiated(address indexed from, address indexed to, uint256 amount, bytes32 messageHash);
    event BridgeFinalized(address indexed to, uint256 amount);

    constructor(CrossDomainMessenger messenger) BridgeEndpoint(messenger) {}
}
