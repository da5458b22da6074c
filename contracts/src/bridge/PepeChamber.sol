// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {BridgeEndpoint} from "./BridgeEndpoint.sol";
import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";

interface IPepeChamberLink {
    function recordTally(uint256 proposalId, uint256 againstPepe, uint256 forPepe, uint256 abstainPepe) external;
}

/// @title The Pepecoin-holder chamber of GigaBrain governance, on Ethereum.
/// @notice A proposal's window is opened by a message from the BasedAI PepeChamberLink. While it is open, PEPE
///         holders escrow PEPE here to vote Against (0), For (1) or Abstain (2); one side per voter and proposal,
///         topping up allowed. After the window anyone sends the tally across the bridge (once), and each voter
///         withdraws their escrow.
/// @custom:invariant PEPE held >= sum of escrows not yet withdrawn; a tally is sent at most once per proposal.
contract PepeChamber is BridgeEndpoint, ReentrancyGuard {
    using SafeERC20 for IERC20;

    struct Window {
        uint64 closesAt;
        bool tallySent;
        uint256 againstPepe;
        uint256 forPepe;
        uint256 abstainPepe;
    }

    struct Escrow {
        uint256 amount;
        uint8 support;
    }

    error ChamberAlreadyOpen(uint256 proposalId);
    error ChamberNotOpen(uint256 proposalId);
    error ChamberStillOpen(uint256 proposalId, uint64 closesAt);
    error ChamberInvalidSupport(uint8 support);
    error ChamberZeroAmount();
    error ChamberOtherSide(uint256 proposalId, uint8 votedSupport);
    error ChamberNothingEscrowed(uint256 proposalId, address voter);
    error ChamberTallyAlreadySent(uint256 proposalId);

    event VoteOpened(uint256 indexed proposalId, uint64 closesAt);
    event PepeVoted(uint256 indexed proposalId, address indexed voter, uint8 support, uint256 amount);
    event EscrowWithdrawn(uint256 indexed proposalId, address indexed voter, uint256 amount);
    event TallySent(uint256 indexed proposalId, uint256 againstPepe, uint256 forPepe, uint256 abstainPepe, bytes32 messageHash);

    IERC20 public immutable PEPE;
    mapping(uint256 proposalId => Window) private _windows;
    mapping(uint256 proposalId => mapping(address voter => Escrow)) private _escrows;

    /// @dev The BasedAI PepeChamberLink is wired with setRemote.
    constructor(CrossDomainMessenger messenger, IERC20 pepe) BridgeEndpoint(messenger) {
        PEPE = pepe;
    }

    function window(uint256 proposalId) external view returns (Window memory) {
        return _windows[proposalId];
    }

    function escrowOf(uint256 proposalId, address voter) external view returns (Escrow memory) {
        return _escrows[proposalId][voter];
    }

    /// @notice Called by the messenger when the BasedAI link announces a proposal; the window runs for
    ///         `duration` seconds of this chain's clock from now.
    function openVote(uint256 proposalId, uint64 duration) external onlyRemote {
        if (_windows[proposalId].closesAt != 0) revert ChamberAlreadyOpen(proposalId);
        uint64 closesAt = uint64(block.timestamp) + (duration == 0 ? 1 : duration);
        _windows[proposalId].closesAt = closesAt;
        emit VoteOpened(proposalId, closesAt);
    }

    function vote(uint256 proposalId, uint8 support, uint256 amount) external nonReentrant {
        Window storage w = _windows[proposalId];
        if (w.closesAt == 0 || block.timestamp >= w.closesAt) revert ChamberNotOpen(proposalId);
        if (support > 2) revert ChamberInvalidSupport(support);
        if (amount == 0) revert ChamberZeroAmount();
        Escrow storage e = _escrows[proposalId][msg.sender];
        if (e.amount != 0 && e.support != support) revert ChamberOtherSide(proposalId, e.support);
        e.amount += amount;
        e.support = support;
        if (support == 0) w.againstPepe += amount;
        else if (support == 1) w.forPepe += amount;
        else w.abstainPepe += amount;
        PEPE.safeTransferFrom(msg.sender, address(this), amount);
        emit PepeVoted(proposalId, msg.sender, support, amount);
    }

    function withdraw(uint256 proposalId) external nonReentrant {
        _requireClosed(proposalId);
        uint256 amount = _escrows[proposalId][msg.sender].amount;
        if (amount == 0) revert ChamberNothingEscrowed(proposalId, msg.sender);
        delete _escrows[proposalId][msg.sender];
        PEPE.safeTransfer(msg.sender, amount);
        emit EscrowWithdrawn(proposalId, msg.sender, amount);
    }

    /// @notice Anyone may send a closed window's tally to the BasedAI chain, once.
    function sendTally(uint256 proposalId) external returns (bytes32 messageHash) {
        _requireClosed(proposalId);
        Window storage w = _windows[proposalId];
        if (w.tallySent) revert ChamberTallyAlreadySent(proposalId);
        w.tallySent = true;
        messageHash = MESSENGER.sendMessage(remote, abi.encodeCall(IPepeChamberLink.recordTally,
            (proposalId, w.againstPepe, w.forPepe, w.abstainPepe)), REMOTE_GAS_LIMIT);
        emit TallySent(proposalId, w.againstPepe, w.forPepe, w.abstainPepe, messageHash);
    }

    function _requireClosed(uint256 proposalId) private view {
        uint64 closesAt = _windows[proposalId].closesAt;
        if (closesAt == 0) revert ChamberNotOpen(proposalId);
        if (block.timestamp < closesAt) revert ChamberStillOpen(proposalId, closesAt);
    }
}
