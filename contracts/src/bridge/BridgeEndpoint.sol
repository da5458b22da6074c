// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";

/// @title One end of a cross-chain pair of contracts: it accepts calls only from its messenger carrying a message
///        sent by its counterpart on the other chain. The counterpart is wired once by the deployer (or at
///        construction when it already exists) and never changes.
abstract contract BridgeEndpoint {
    error EndpointOnlyRemote(address caller, address remoteSender);
    error EndpointRemoteAlreadySet();

    /// @notice Gas each message this endpoint sends asks for on the other chain: enough for every remote entry point
    ///         of the bridge (a mint, a release, a registry write, a tally), and paid for by the sender here.
    uint256 public constant REMOTE_GAS_LIMIT = 300_000;

    CrossDomainMessenger public immutable MESSENGER;
    address private immutable DEPLOYER;
    address public remote;

    constructor(CrossDomainMessenger messenger) {
        MESSENGER = messenger;
        DEPLOYER = msg.sender;
    }

    /// @notice One-time wiring to the counterpart deployed after this contract.
    function setRemote(address counterpart) external {
        if (msg.sender != DEPLOYER || remote != address(0)) revert EndpointRemoteAlreadySet();
        remote = counterpart;
    }

    modifier onlyRemote() {
        if (msg.sender != address(MESSENGER) || MESSENGER.xDomainMessageSender() != remote) {
            revert EndpointOnlyRemote(msg.sender, msg.sender == address(MESSENGER) ? MESSENGER.xDomainMessageSender() : address(0));
        }
        _;
    }
}
