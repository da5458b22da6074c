// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BridgeEndpoint} from "./BridgeEndpoint.sol";
import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";

interface IRegistrySync {
    function syncBrain(uint256 brainId, address owner, uint8 method, uint64 acquiredAt, bool active) external;
}

/// @title Applies Brain state mirrored from Ethereum to the BrainRegistry; holds the registry's BRIDGE_ROLE in
///        place of the administrator's temporary feed, and accepts only messages from the Ethereum BrainMirror (its remote).
contract RegistryFeeder is BridgeEndpoint {
    IRegistrySync public immutable REGISTRY;

    constructor(CrossDomainMessenger messenger, IRegistrySync registry) BridgeEndpoint(messenger) {
        REGISTRY = registry;
    }

    function applyBrain(uint256 brainId, address owner, uint8 method, uint64 acquiredAt, bool active) external onlyRemote {
        REGISTRY.syncBrain(brainId, owner, method, acquiredAt, active);
    }
}
