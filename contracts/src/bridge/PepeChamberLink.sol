// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Economics} from "../basedai/Economics.sol";
import {BridgeEndpoint} from "./BridgeEndpoint.sol";
import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";

interface IPepeTallyStore {
    function recordPepeTally(uint256 proposalId, uint256 againstPepe, uint256 forPepe, uint256 abstainPepe) external;
}

interface IPepeChamber {
    function openVote(uint256 proposalId, uint64 duration) external;
}

/// @title The BasedAI end of the Pepecoin chamber: announces a GigaBrain proposal's voting window to the Ethereum
///        PepeChamber and stores the tally the chamber sends back beside the proposal in the governor.
/// @notice Anyone may announce a pending or active proposal, once. The window lasts as long as the GigaBrain vote has
///         left (10 s blocks) and is timed by Ethereum's own clock from the moment the announcement arrives there: the
///         two chains' clocks are never compared, so a devnet whose clock was moved cannot open a window already shut.
contract PepeChamberLink is BridgeEndpoint {
    error ChamberLinkNotVoting(uint256 proposalId);
    error ChamberLinkAlreadyAnnounced(uint256 proposalId);

    event VoteAnnounced(uint256 indexed proposalId, uint64 duration, bytes32 messageHash);

    IGovernor public immutable GOVERNOR;
    mapping(uint256 proposalId => bool) public announced;

    /// @dev The Ethereum PepeChamber is wired with setRemote.
    constructor(CrossDomainMessenger messenger, IGovernor governor) BridgeEndpoint(messenger) {
        GOVERNOR = governor;
    }

    function announce(uint256 proposalId) external returns (bytes32 messageHash) {
        IGovernor.ProposalState state = GOVERNOR.state(proposalId);
        if (state != IGovernor.ProposalState.Pending && state != IGovernor.ProposalState.Active) {
            revert ChamberLinkNotVoting(proposalId);
        }
        if (announced[proposalId]) revert ChamberLinkAlreadyAnnounced(proposalId);
        announced[proposalId] = true;
        uint256 deadline = GOVERNOR.proposalDeadline(proposalId);
        uint64 duration = uint64((deadline - block.number) * Economics.BLOCK_SECONDS);
        messageHash = MESSENGER.sendMessage(remote, abi.encodeCall(IPepeChamber.openVote, (proposalId, duration)), REMOTE_GAS_LIMIT);
        emit VoteAnnounced(proposalId, duration, messageHash);
    }

    /// @notice Called by the messenger with the chamber's final tally.
    function recordTally(uint256 proposalId, uint256 againstPepe, uint256 forPepe, uint256 abstainPepe) external onlyRemote {
        IPepeTallyStore(address(GOVERNOR)).recordPepeTally(proposalId, againstPepe, forPepe, abstainPepe);
    }
}
