// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Economics} from "./Economics.sol";
import {IBrainRegistry} from "./interfaces/IBrainRegistry.sol";
import {IStakeManager} from "./interfaces/IStakeManager.sol";

/// @title Stake of $BASED on a Brain, either on the Brain itself or delegated to one of its validators.
/// @notice Each Brain needs its own stake. Counted stake per Brain is capped at 0.5% of all network stake.
///         Brain and network totals are checkpointed per block so governance reads them at a proposal snapshot.
/// @custom:invariant BASED held by this contract == totalStake() == sum of all brainStake(b) == sum of all stakeOf.
contract StakeManager is IStakeManager, AccessControl, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;

    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");

    IERC20 public immutable BASED;
    IBrainRegistry public immutable REGISTRY;

    uint256 public maxTakeBps = Economics.DEFAULT_MAX_VALIDATOR_TAKE_BPS;

    Checkpoints.Trace208 private _total;
    mapping(uint256 brainId => Checkpoints.Trace208) private _brainTotals;
    mapping(uint256 brainId => mapping(address validator => uint256)) private _validatorStake;
    mapping(address staker => mapping(uint256 brainId => mapping(address validator => uint256))) private _stakes;
    mapping(uint256 brainId => mapping(address validator => uint256)) private _takePlusOne;
    uint256[] private _stakedBrains;
    mapping(uint256 brainId => bool) private _listed;

    constructor(address admin, address governor, IERC20 based, IBrainRegistry registry) {
        BASED = based;
        REGISTRY = registry;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, governor);
    }

    /// @param validator a validator memorized on the Brain, or address(0) to stake on the Brain itself
    function stake(uint256 brainId, address validator, uint256 amount) external nonReentrant whenNotPaused {
        if (amount == 0) revert StakeZeroAmount();
        if (!REGISTRY.isActive(brainId)) revert IBrainRegistry.RegistryBrainInactive(brainId);
        if (validator != address(0)) _requireValidator(brainId, validator);
        BASED.safeTransferFrom(msg.sender, address(this), amount);
        if (!_listed[brainId]) {
            _listed[brainId] = true;
            _stakedBrains.push(brainId);
        }
        _stakes[msg.sender][brainId][validator] += amount;
        _validatorStake[brainId][validator] += amount;
        _move(brainId, int256(amount));
        emit Staked(msg.sender, brainId, validator, amount);
    }

    /// @dev Not pausable: a pause must never trap stake.
    function unstake(uint256 brainId, address validator, uint256 amount) external nonReentrant {
        if (amount == 0) revert StakeZeroAmount();
        uint256 staked = _stakes[msg.sender][brainId][validator];
        if (staked < amount) revert StakeInsufficient(brainId, validator, amount, staked);
        _stakes[msg.sender][brainId][validator] = staked - amount;
        _validatorStake[brainId][validator] -= amount;
        _move(brainId, -int256(amount));
        BASED.safeTransfer(msg.sender, amount);
        emit Unstaked(msg.sender, brainId, validator, amount);
    }

    function setTake(uint256 brainId, uint256 takeBps) external {
        _requireValidator(brainId, msg.sender);
        if (takeBps > maxTakeBps) revert StakeTakeOutOfBounds(takeBps, maxTakeBps);
        _takePlusOne[brainId][msg.sender] = takeBps + 1;
        emit TakeSet(brainId, msg.sender, takeBps);
    }

    function takeOf(uint256 brainId, address validator) external view returns (uint256) {
        uint256 stored = _takePlusOne[brainId][validator];
        return stored == 0 ? Economics.DEFAULT_VALIDATOR_TAKE_BPS : stored - 1;
    }

    function stakeOf(address staker, uint256 brainId, address validator) external view returns (uint256) {
        return _stakes[staker][brainId][validator];
    }

    function validatorStake(uint256 brainId, address validator) external view returns (uint256) {
        return _validatorStake[brainId][validator];
    }

    function brainStake(uint256 brainId) public view returns (uint256) {
        return _brainTotals[brainId].latest();
    }

    function totalStake() public view returns (uint256) {
        return _total.latest();
    }

    /// @notice Stake that counts for emission: the Brain's stake, capped at 0.5% of all network stake.
    function countedStake(uint256 brainId) external view returns (uint256) {
        uint256 cap = totalStake() * Economics.STAKE_CAP_BPS / Economics.BPS;
        uint256 own = brainStake(brainId);
        return own < cap ? own : cap;
    }

    function brainStakeAt(uint256 brainId, uint256 blockNumber) public view returns (uint256) {
        return _brainTotals[brainId].upperLookupRecent(SafeCast.toUint48(blockNumber));
    }

    function totalStakeAt(uint256 blockNumber) public view returns (uint256) {
        return _total.upperLookupRecent(SafeCast.toUint48(blockNumber));
    }

    /// @notice A GigaBrain holds at least 0.5% of all stake at the given block.
    function isGigaBrainAt(uint256 brainId, uint256 blockNumber) external view returns (bool) {
        uint256 total = totalStakeAt(blockNumber);
        return total > 0 && brainStakeAt(brainId, blockNumber) * Economics.BPS >= total * Economics.GIGABRAIN_STAKE_BPS;
    }

    function stakedBrains() external view returns (uint256[] memory) {
        return _stakedBrains;
    }

    function setMaxTake(uint256 takeBps) external onlyRole(GOVERNOR_ROLE) {
        if (takeBps > Economics.BPS) revert StakeTakeOutOfBounds(takeBps, Economics.BPS);
        maxTakeBps = takeBps;
    }

    function pause() external onlyRole(GOVERNOR_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(GOVERNOR_ROLE) {
        _unpause();
    }

    function _move(uint256 brainId, int256 delta) private {
        uint48 key = SafeCast.toUint48(block.number);
        _brainTotals[brainId].push(key, SafeCast.toUint208(uint256(int256(brainStake(brainId)) + delta)));
        _total.push(key, SafeCast.toUint208(uint256(int256(totalStake()) + delta)));
    }

    function _requireValidator(uint256 brainId, address validator) private view {
        (bool registered,) = REGISTRY.uidOf(brainId, IBrainRegistry.Role.Validator, validator);
        if (!registered) revert StakeNotValidator(brainId, validator);
    }
}
