// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Economics} from "./Economics.sol";
import {IBrainRegistry} from "./interfaces/IBrainRegistry.sol";
import {IStakeManager} from "./interfaces/IStakeManager.sol";

/// @title Network votes of GigaBrains: Brains holding at least 0.5% of all stake at the proposal's snapshot.
/// @notice One vote per GigaBrain, cast by its owner with the Brain number as the vote's params
///         (castVoteWithReasonAndParams(id, support, reason, abi.encode(brainId))); an owner of several
///         GigaBrains votes once per Brain. In year one (counted in blocks from this deployment's genesis) a
///         proposal passes unless a majority of all GigaBrains votes against; after that it passes when For
///         exceeds Against with a quorum of one third of the GigaBrains; the year-one default pass needs at least one
///         GigaBrain at the snapshot. Only owners of a current GigaBrain may propose: the deployer has no
///         administrator power here beyond wiring the Pepecoin tally writer once at deployment. Outside the devnet
///         chain ids a vote stays open at least MIN_VOTING_PERIOD blocks. Proposals execute through the timelock.
///         The Pepecoin-holder chamber's tally (escrow on Ethereum) is stored beside each proposal once the
///         bridge delivers it.
contract GigaBrainGovernor is Governor, GovernorTimelockControl {
    enum VoteType {
        Against,
        For,
        Abstain
    }

    struct Tally {
        uint64 againstVotes;
        uint64 forVotes;
        uint64 abstainVotes;
        uint64 gigaBrainsPlusOne;
    }

    /// @notice The Pepecoin-holder chamber's tally, delivered over the bridge by the tally writer; zero until then.
    struct PepeTally {
        uint256 againstPepe;
        uint256 forPepe;
        uint256 abstainPepe;
        bool recorded;
    }

    error GovernorBrainRequired();
    error GovernorNotGigaBrainOwner(address voter, uint256 brainId);
    error GovernorBrainAlreadyVoted(uint256 proposalId, uint256 brainId);
    error GovernorProposerNotAllowed(address proposer);
    error GovernorNotPepeTallyWriter(address caller);
    error GovernorPepeTallyWriterAlreadySet();
    error GovernorPepeTallyAlreadyRecorded(uint256 proposalId);
    error GovernorVotingPeriodTooShort(uint256 votingPeriod, uint256 minimum);

    event GigaBrainVoted(uint256 indexed proposalId, uint256 indexed brainId, address indexed voter, uint8 support);
    event PepeTallyRecorded(uint256 indexed proposalId, uint256 againstPepe, uint256 forPepe, uint256 abstainPepe);

    IStakeManager public immutable STAKES;
    IBrainRegistry public immutable REGISTRY;
    /// @notice Three days of 10-second blocks: the shortest vote a deployment outside the devnet chain ids accepts, so
    ///         that the year-one default pass always leaves GigaBrain owners time to vote a proposal down.
    uint256 public constant MIN_VOTING_PERIOD = 25_920;
    /// @notice May only wire the Pepecoin tally writer, once; no other power.
    address public immutable DEPLOYER;
    uint256 public immutable GENESIS_BLOCK;
    uint256 private immutable VOTING_DELAY;
    uint256 private immutable VOTING_PERIOD;

    mapping(uint256 proposalId => Tally) private _tallies;
    mapping(uint256 proposalId => mapping(uint256 brainId => bool)) private _brainVoted;
    mapping(uint256 proposalId => mapping(address voter => bool)) private _accountVoted;
    mapping(uint256 proposalId => PepeTally) private _pepeTallies;
    /// @notice The bridge endpoint (PepeChamberLink) that delivers the Ethereum chamber's tallies; set once at deployment.
    address public pepeTallyWriter;

    constructor(
        IStakeManager stakes,
        IBrainRegistry registry,
        TimelockController timelock,
        uint256 genesisBlock,
        uint256 votingDelayBlocks,
        uint256 votingPeriodBlocks
    ) Governor("GigaBrainGovernor") GovernorTimelockControl(timelock) {
        STAKES = stakes;
        REGISTRY = registry;
        if (!_isDevnet(block.chainid) && votingPeriodBlocks < MIN_VOTING_PERIOD) {
            revert GovernorVotingPeriodTooShort(votingPeriodBlocks, MIN_VOTING_PERIOD);
        }
        DEPLOYER = msg.sender;
        GENESIS_BLOCK = genesisBlock;
        VOTING_DELAY = votingDelayBlocks;
        VOTING_PERIOD = votingPeriodBlocks;
    }

    function clock() public view override returns (uint48) {
        return uint48(block.number);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=blocknumber&from=default";
    }

    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() public pure override returns (string memory) {
        return "support=bravo&quorum=for,abstain&params=brainId";
    }

    function votingDelay() public view override returns (uint256) {
        return VOTING_DELAY;
    }

    function votingPeriod() public view override returns (uint256) {
        return VOTING_PERIOD;
    }

    function isYearOne(uint256 blockNumber) public view returns (bool) {
        return blockNumber < GENESIS_BLOCK + Economics.BLOCKS_PER_YEAR;
    }

    /// @notice GigaBrains at `timepoint`; bounded by the 1,024 Brains that can hold stake.
    function gigaBrainsAt(uint256 timepoint) public view returns (uint256 count) {
        uint256[] memory brains = STAKES.stakedBrains();
        for (uint256 i = 0; i < brains.length; ++i) {
            if (STAKES.isGigaBrainAt(brains[i], timepoint)) ++count;
        }
    }

    /// @notice After year one: one third of the GigaBrains at the snapshot, rounded up. Year one needs none.
    function quorum(uint256 timepoint) public view override returns (uint256) {
        if (isYearOne(timepoint)) return 0;
        uint256 gigaBrains = gigaBrainsAt(timepoint);
        return (gigaBrains + Economics.QUORUM_DIVISOR - 1) / Economics.QUORUM_DIVISOR;
    }

    function tally(uint256 proposalId) external view returns (uint256 against, uint256 support, uint256 abstain, uint256 gigaBrains) {
        Tally memory t = _tallies[proposalId];
        return (t.againstVotes, t.forVotes, t.abstainVotes, _gigaBrains(proposalId));
    }

    function pepeTally(uint256 proposalId) external view returns (PepeTally memory) {
        return _pepeTallies[proposalId];
    }

    /// @notice The deployment wires the bridge endpoint once; afterwards nobody can change it.
    function setPepeTallyWriter(address writer) external {
        if (msg.sender != DEPLOYER || pepeTallyWriter != address(0)) revert GovernorPepeTallyWriterAlreadySet();
        pepeTallyWriter = writer;
    }

    /// @notice Stores the Pepecoin chamber's final tally beside a proposal, once.
    function recordPepeTally(uint256 proposalId, uint256 againstPepe, uint256 forPepe, uint256 abstainPepe) external {
        if (msg.sender != pepeTallyWriter || msg.sender == address(0)) revert GovernorNotPepeTallyWriter(msg.sender);
        if (proposalSnapshot(proposalId) == 0) revert GovernorNonexistentProposal(proposalId);
        if (_pepeTallies[proposalId].recorded) revert GovernorPepeTallyAlreadyRecorded(proposalId);
        _pepeTallies[proposalId] = PepeTally(againstPepe, forPepe, abstainPepe, true);
        emit PepeTallyRecorded(proposalId, againstPepe, forPepe, abstainPepe);
    }

    function hasVoted(uint256 proposalId, address account) public view override returns (bool) {
        return _accountVoted[proposalId][account];
    }

    function hasBrainVoted(uint256 proposalId, uint256 brainId) external view returns (bool) {
        return _brainVoted[proposalId][brainId];
    }

    /// @notice Only the owner of a current GigaBrain may propose.
    function propose(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, string memory description)
        public
        override
        returns (uint256)
    {
        if (!_ownsGigaBrain(msg.sender, block.number - 1)) {
            revert GovernorProposerNotAllowed(msg.sender);
        }
        return super.propose(targets, values, calldatas, description);
    }

    function _getVotes(address account, uint256 timepoint, bytes memory params) internal view override returns (uint256) {
        if (params.length != 32) revert GovernorBrainRequired();
        uint256 brainId = abi.decode(params, (uint256));
        bool eligible = REGISTRY.ownerOf(brainId) == account && REGISTRY.isActive(brainId)
            && STAKES.isGigaBrainAt(brainId, timepoint);
        return eligible ? 1 : 0;
    }

    function _countVote(uint256 proposalId, address account, uint8 support, uint256 totalWeight, bytes memory params)
        internal
        override
        returns (uint256)
    {
        uint256 brainId = abi.decode(params, (uint256));
        if (totalWeight == 0) revert GovernorNotGigaBrainOwner(account, brainId);
        if (_brainVoted[proposalId][brainId]) revert GovernorBrainAlreadyVoted(proposalId, brainId);
        _brainVoted[proposalId][brainId] = true;
        _accountVoted[proposalId][account] = true;
        Tally storage t = _tallies[proposalId];
        if (t.gigaBrainsPlusOne == 0) t.gigaBrainsPlusOne = uint64(gigaBrainsAt(proposalSnapshot(proposalId)) + 1);
        if (support == uint8(VoteType.Against)) ++t.againstVotes;
        else if (support == uint8(VoteType.For)) ++t.forVotes;
        else if (support == uint8(VoteType.Abstain)) ++t.abstainVotes;
        else revert GovernorInvalidVoteType();
        emit GigaBrainVoted(proposalId, brainId, account, support);
        return 1;
    }

    function _quorumReached(uint256 proposalId) internal view override returns (bool) {
        uint256 snapshot = proposalSnapshot(proposalId);
        if (isYearOne(snapshot)) return true;
        Tally memory t = _tallies[proposalId];
        return (uint256(t.forVotes) + t.abstainVotes) * Economics.QUORUM_DIVISOR >= _gigaBrains(proposalId);
    }

    function _voteSucceeded(uint256 proposalId) internal view override returns (bool) {
        Tally memory t = _tallies[proposalId];
        if (isYearOne(proposalSnapshot(proposalId))) {
            uint256 gigaBrains = _gigaBrains(proposalId);
            return gigaBrains > 0 && uint256(t.againstVotes) * 2 <= gigaBrains;
        }
        return t.forVotes > t.againstVotes;
    }

    function _gigaBrains(uint256 proposalId) private view returns (uint256) {
        uint64 cached = _tallies[proposalId].gigaBrainsPlusOne;
        return cached == 0 ? gigaBrainsAt(proposalSnapshot(proposalId)) : cached - 1;
    }

    /// @dev The chain ids of the project's devnets (Ethereum 1337 and anvil's default 31337, BasedAI 32323), where
    ///      tests may use short votes.
    function _isDevnet(uint256 chainId) private pure returns (bool) {
        return chainId == 1337 || chainId == 31337 || chainId == 32323;
    }

    function _ownsGigaBrain(address account, uint256 timepoint) private view returns (bool) {
        uint256[] memory brains = STAKES.stakedBrains();
        for (uint256 i = 0; i < brains.length; ++i) {
            // the same eligibility as a vote: an owner whose Brain was deactivated may neither vote nor propose
            if (REGISTRY.ownerOf(brains[i]) == account && REGISTRY.isActive(brains[i]) && STAKES.isGigaBrainAt(brains[i], timepoint)) {
                return true;
            }
        }
        return false;
    }

    // ---- GovernorTimelockControl plumbing ------------------------------------------------------------------

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(uint256 proposalId, address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash)
        internal
        override(Governor, GovernorTimelockControl)
        returns (uint48)
    {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(uint256 proposalId, address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash)
        internal
        override(Governor, GovernorTimelockControl)
    {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash)
        internal
        override(Governor, GovernorTimelockControl)
        returns (uint256)
    {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
