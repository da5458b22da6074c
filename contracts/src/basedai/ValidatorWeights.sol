// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EmissionController} from "./EmissionController.sol";
import {IBrainRegistry} from "./interfaces/IBrainRegistry.sol";

/// @title Validators' weights on their Brain's miners, with commit-reveal.
/// @notice A validator that could read the others' weights before setting its own would copy the consensus and
///         earn dividends without evaluating a single miner (Bittensor's weight copying). So weights are set in two
///         steps: during epoch e a validator commits only keccak256(abi.encode(brainId, e, uids, weights, salt,
///         validator)); during epoch e + 1 it reveals the weights and the salt. When the weights of epoch e become
///         readable, every commit for e is already fixed, and a copier can at best copy weights one epoch old.
///         A commit that is not revealed in e + 1 counts as no weights. Revealed weights live only in the
///         WeightsRevealed event (the oracle signers read them from logs); the contract keeps the hash and a flag.
/// @custom:invariant a commit is revealed at most once, only during epoch + 1, and only with the committed data.
contract ValidatorWeights is AccessControl {
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");

    /// @notice Bond variants of Yuma consensus the oracle applies: Bittensor's original bonds, or Yuma3.
    uint8 public constant BOND_YUMA = 0;
    uint8 public constant BOND_YUMA3 = 1;

    struct Commit {
        bytes32 hash;
        bool revealed;
    }

    IBrainRegistry public immutable REGISTRY;
    EmissionController public immutable EMISSION;

    /// @notice The bond variant the oracle signers use for every Brain; set by governance.
    uint8 public bondVariant = BOND_YUMA;

    mapping(uint256 brainId => mapping(uint256 epoch => mapping(address validator => Commit))) private _commits;

    /// @notice Only a validator memorized on the Brain may commit weights for it.
    error WeightsNotValidator(uint256 brainId, address caller);
    /// @notice Commits are for the current epoch only.
    error WeightsWrongCommitEpoch(uint256 epoch, uint256 currentEpoch);
    error WeightsEmptyCommitHash();
    /// @notice A reveal for `epoch` is accepted only during epoch + 1; it is `currentEpoch` now.
    error WeightsRevealTooEarly(uint256 epoch, uint256 currentEpoch);
    error WeightsLateReveal(uint256 epoch, uint256 currentEpoch);
    error WeightsNotCommitted(uint256 brainId, uint256 epoch, address validator);
    error WeightsAlreadyRevealed(uint256 brainId, uint256 epoch, address validator);
    /// @notice The revealed data hashes to `revealed`, not to the committed `committed`.
    error WeightsCommitMismatch(bytes32 committed, bytes32 revealed);
    error WeightsLengthMismatch(uint256 uids, uint256 weights);
    error WeightsTooMany(uint256 count, uint256 maxCount);
    /// @notice uids must be strictly ascending: `uid` at `index` does not follow `previous`.
    error WeightsUidsNotAscending(uint256 index, uint256 previous, uint256 uid);
    /// @notice The Brain has `minerCount` miners (uids 0 .. minerCount - 1).
    error WeightsUnknownUid(uint256 brainId, uint256 uid, uint256 minerCount);
    error WeightsInvalidBondVariant(uint8 variant);

    event WeightsCommitted(uint256 indexed brainId, uint256 indexed epoch, address indexed validator, bytes32 commitHash);
    /// @dev `epoch` is the commit epoch; the reveal happens during epoch + 1.
    event WeightsRevealed(uint256 indexed brainId, uint256 indexed epoch, address indexed validator, uint16[] uids, uint16[] weights);
    event BondVariantSet(uint8 variant);

    constructor(address admin, address governor, IBrainRegistry registry, EmissionController emission) {
        REGISTRY = registry;
        EMISSION = emission;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, governor);
    }

    /// @notice Commits the hash of this epoch's weights; a second commit in the same epoch replaces the first.
    function commit(uint256 brainId, uint256 epoch, bytes32 hash) external {
        (bool registered,) = REGISTRY.uidOf(brainId, IBrainRegistry.Role.Validator, msg.sender);
        if (!registered) revert WeightsNotValidator(brainId, msg.sender);
        uint256 current = EMISSION.currentEpoch();
        if (epoch != current) revert WeightsWrongCommitEpoch(epoch, current);
        if (hash == bytes32(0)) revert WeightsEmptyCommitHash();
        _commits[brainId][epoch][msg.sender] = Commit(hash, false);
        emit WeightsCommitted(brainId, epoch, msg.sender, hash);
    }

    /// @notice Reveals the weights committed for `epoch`, during epoch + 1 only.
    function reveal(uint256 brainId, uint256 epoch, uint16[] calldata uids, uint16[] calldata weights, bytes32 salt)
        external
    {
        uint256 current = EMISSION.currentEpoch();
        if (current <= epoch) revert WeightsRevealTooEarly(epoch, current);
        if (current > epoch + 1) revert WeightsLateReveal(epoch, current);
        Commit storage stored = _commits[brainId][epoch][msg.sender];
        if (stored.hash == bytes32(0)) revert WeightsNotCommitted(brainId, epoch, msg.sender);
        if (stored.revealed) revert WeightsAlreadyRevealed(brainId, epoch, msg.sender);
        _checkWeights(brainId, uids, weights);
        bytes32 revealed = commitHash(brainId, epoch, uids, weights, salt, msg.sender);
        if (revealed != stored.hash) revert WeightsCommitMismatch(stored.hash, revealed);
        stored.revealed = true;
        emit WeightsRevealed(brainId, epoch, msg.sender, uids, weights);
    }

    /// @notice The hash a validator commits: keccak256(abi.encode(brainId, epoch, uids, weights, salt, validator)).
    function commitHash(
        uint256 brainId,
        uint256 epoch,
        uint16[] calldata uids,
        uint16[] calldata weights,
        bytes32 salt,
        address validator
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(brainId, epoch, uids, weights, salt, validator));
    }

    function commitOf(uint256 brainId, uint256 epoch, address validator) external view returns (bytes32 hash, bool revealed) {
        Commit storage stored = _commits[brainId][epoch][validator];
        return (stored.hash, stored.revealed);
    }

    function setBondVariant(uint8 variant) external onlyRole(GOVERNOR_ROLE) {
        if (variant > BOND_YUMA3) revert WeightsInvalidBondVariant(variant);
        bondVariant = variant;
        emit BondVariantSet(variant);
    }

    function _checkWeights(uint256 brainId, uint16[] calldata uids, uint16[] calldata weights) private view {
        if (uids.length != weights.length) revert WeightsLengthMismatch(uids.length, weights.length);
        uint256 maxCount = REGISTRY.slots(IBrainRegistry.Role.Miner);
        if (uids.length > maxCount) revert WeightsTooMany(uids.length, maxCount);
        if (uids.length == 0) return;
        for (uint256 i = 1; i < uids.length; ++i) {
            if (uids[i] <= uids[i - 1]) revert WeightsUidsNotAscending(i, uids[i - 1], uids[i]);
        }
        // Ascending, so the last uid is the largest.
        uint256 miners = REGISTRY.nodeCount(brainId, IBrainRegistry.Role.Miner);
        uint256 largest = uids[uids.length - 1];
        if (largest >= miners) revert WeightsUnknownUid(brainId, largest, miners);
    }
}
