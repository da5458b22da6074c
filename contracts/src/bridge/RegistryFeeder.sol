// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";

interface IRegistrySync {
    function syncBrain(uint256 brainId, address owner, uint8 method, uint64 acquiredAt, bool active) external;
}

/// @title Applies Brain state mirrored from Ethereum to the BrainRegistry; holds the registry's BRIDGE_ROLE in
///        place of the administrator's temporary feed, and accepts only messages from the Ethereum BrainMirror.
contract RegistryFeeder {
    error FeederOnlyMirror(address caller);
    error FeederMirrorAlreadySet();

    CrossDomainMessenger public immutable MESSENGER;
    IRegistrySync public immutable REGISTRY;
    address private immutable DEPLOYER;
    address public mirror;

    constructor(CrossDomainMessenger messenger, IRegistrySync registry) {
        MESSENGER = messenger;
        REGISTRY = registry;
        DEPLOYER = msg.sender;
    }

    function setMirror(address brainMirror) external {
        if (msg.sender != DEPLOYER || mirror != address(0)) revert FeederMirrorAlreadySet();
        mirror = brainMirror;
    }

    function applyBrain(uint256 brainId, address owner, uint8 method, uint64 acquiredAt, bool active) external {
        if (msg.sender != address(MESSENGER) || MESSENGER.xDomainMessageSender() != mirror) revert FeederOnlyMirror(msg.sender);
        REGISTRY.syncBrain(brainId, owner, method, acquiredAt, active);
    }
}
