// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBrainNFT} from "../ethereum/interfaces/IBrainNFT.sol";
import {IBrainPortal} from "../ethereum/interfaces/IBrainPortal.sol";
import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";

/// @title Sends a Brain's Ethereum state to the BasedAI chain. Anyone may call sync: the message carries only what
///        this contract reads from BrainNFT and BrainPortal, so acquisitions, transfers, deactivations and wallet
///        links reach the registry without trusting the caller.
contract BrainMirror {
    event BrainMirrored(uint256 indexed brainId, address owner, bool active, bytes32 messageHash);

    /// @notice Gas the registry write gets on the BasedAI chain, paid for by the caller of sync.
    uint256 public constant REMOTE_GAS_LIMIT = 300_000;

    CrossDomainMessenger public immutable MESSENGER;
    IBrainNFT public immutable BRAINS;
    IBrainPortal public immutable PORTAL;
    address public immutable FEEDER;

    constructor(CrossDomainMessenger messenger, IBrainNFT brains, IBrainPortal portal, address feeder) {
        MESSENGER = messenger;
        BRAINS = brains;
        PORTAL = portal;
        FEEDER = feeder;
    }

    /// @notice The owner on BasedAI is the linked BasedAI wallet when the current owner linked one, else the owner.
    function sync(uint256 brainId) external returns (bytes32 messageHash) {
        address owner;
        uint8 method;
        uint64 acquiredAt;
        bool active;
        try BRAINS.ownerOf(brainId) returns (address holder) {
            (IBrainNFT.AcquisitionMethod m, uint64 at) = BRAINS.acquisitionOf(brainId);
            address linked = PORTAL.basedWalletOf(brainId);
            owner = linked == address(0) ? holder : linked;
            method = uint8(m);
            acquiredAt = at;
            active = true;
        } catch {
            active = false;
        }
        messageHash = MESSENGER.sendMessage(FEEDER, abi.encodeCall(IRegistryFeeder.applyBrain,
            (brainId, owner, method, acquiredAt, active)), REMOTE_GAS_LIMIT);
        emit BrainMirrored(brainId, owner, active, messageHash);
    }
}

interface IRegistryFeeder {
    function applyBrain(uint256 brainId, address owner, uint8 method, uint64 acquiredAt, bool active) external;
}
