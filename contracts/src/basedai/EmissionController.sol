// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Economics} from "./Economics.sol";
import {BasedToken} from "./BasedToken.sol";

/// @title The $BASED emission schedule and pull-based settlement of epoch rewards.
/// @notice 10 BASED per block from the deployment's genesis block, halving every 3,153,600 blocks. Epochs
///         close on block height. The EpochOracle records each closed epoch once, in order, as a Merkle root of
///         per-account rewards; accounts claim with a proof. Settlement gas does not depend on how many miners
///         a Brain has: a post costs the same for 10 or 1,792, and a claim is one proof.
/// @custom:invariant for every epoch e: claimed(e) <= total(e) <= epochEmission(e).
contract EmissionController is AccessControl {
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");

    uint256 public constant BLOCKS_PER_YEAR = Economics.BLOCKS_PER_YEAR;
    uint256 public constant EPOCH_BLOCKS = Economics.EPOCH_BLOCKS;
    uint256 public constant INITIAL_BLOCK_REWARD = Economics.INITIAL_BLOCK_REWARD;

    struct Epoch {
        bytes32 rewardsRoot;
        uint128 total;
        uint128 claimed;
        bool recorded;
    }

    error EmissionEpochOutOfOrder(uint256 epoch, uint256 expected);
    error EmissionEpochNotClosed(uint256 epoch, uint256 closesAtBlock);
    error EmissionOverEpochEmission(uint256 epoch, uint256 total, uint256 emission);
    error EmissionEpochNotRecorded(uint256 epoch);
    error EmissionAlreadyClaimed(uint256 epoch, address account);
    error EmissionInvalidProof(uint256 epoch, address account, uint256 amount);
    error EmissionBonusOutOfBounds(uint256 bonusPoolBps);

    event EpochRecorded(uint256 indexed epoch, bytes32 rewardsRoot, uint256 total);
    event Claimed(uint256 indexed epoch, address indexed account, uint256 amount);
    event BonusPoolSet(uint256 bonusPoolBps);

    BasedToken public immutable TOKEN;
    uint256 public immutable GENESIS_BLOCK;

    /// @notice Share of each epoch's emission paid to the top 30% of Brains; the oracle applies it off chain.
    uint256 public bonusPoolBps = Economics.DEFAULT_BONUS_POOL_BPS;
    uint256 public nextEpoch;

    mapping(uint256 epoch => Epoch) private _epochs;
    mapping(uint256 epoch => mapping(address account => bool)) private _claimed;

    constructor(address admin, address governor, BasedToken token, uint256 genesisBlock) {
        TOKEN = token;
        GENESIS_BLOCK = genesisBlock;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, governor);
    }

    /// @notice Block reward at `blockNumber`: 10 BASED in year 1, halved each year after.
    function rewardAt(uint256 blockNumber) public view returns (uint256) {
        if (blockNumber < GENESIS_BLOCK) return 0;
        uint256 halvings = (blockNumber - GENESIS_BLOCK) / BLOCKS_PER_YEAR;
        return halvings >= 64 ? 0 : INITIAL_BLOCK_REWARD >> halvings;
    }

    /// @notice Emission of year `year` (1-based): 31,536,000 BASED in year 1, halved each year after.
    function emissionForYear(uint256 year) external pure returns (uint256) {
        if (year == 0 || year > 64) return 0;
        return (INITIAL_BLOCK_REWARD >> (year - 1)) * BLOCKS_PER_YEAR;
    }

    function epochStartBlock(uint256 epochNumber) public view returns (uint256) {
        return GENESIS_BLOCK + epochNumber * EPOCH_BLOCKS;
    }

    /// @notice Emission of one epoch. EPOCH_BLOCKS divides BLOCKS_PER_YEAR, so one reward covers the epoch.
    function epochEmission(uint256 epochNumber) public view returns (uint256) {
        return rewardAt(epochStartBlock(epochNumber)) * EPOCH_BLOCKS;
    }

    function currentEpoch() external view returns (uint256) {
        return block.number < GENESIS_BLOCK ? 0 : (block.number - GENESIS_BLOCK) / EPOCH_BLOCKS;
    }

    function epoch(uint256 number) external view returns (Epoch memory) {
        return _epochs[number];
    }

    function hasClaimed(uint256 epochNumber, address account) external view returns (bool) {
        return _claimed[epochNumber][account];
    }

    /// @notice Records a closed epoch. Called by the EpochOracle once its signer quorum has attested the result.
    function record(uint256 epochNumber, bytes32 rewardsRoot, uint256 total) external onlyRole(ORACLE_ROLE) {
        if (epochNumber != nextEpoch) revert EmissionEpochOutOfOrder(epochNumber, nextEpoch);
        uint256 closesAt = epochStartBlock(epochNumber + 1);
        if (block.number < closesAt) revert EmissionEpochNotClosed(epochNumber, closesAt);
        uint256 emission = epochEmission(epochNumber);
        if (total > emission) revert EmissionOverEpochEmission(epochNumber, total, emission);
        _epochs[epochNumber] = Epoch(rewardsRoot, uint128(total), 0, true);
        nextEpoch = epochNumber + 1;
        emit EpochRecorded(epochNumber, rewardsRoot, total);
    }

    /// @notice Mints `account`'s reward for an epoch. Anyone may submit the proof; the BASED goes to `account`.
    function claim(uint256 epochNumber, address account, uint256 amount, bytes32[] calldata proof) external {
        Epoch storage recorded = _epochs[epochNumber];
        if (!recorded.recorded) revert EmissionEpochNotRecorded(epochNumber);
        if (_claimed[epochNumber][account]) revert EmissionAlreadyClaimed(epochNumber, account);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(epochNumber, account, amount))));
        if (!MerkleProof.verifyCalldata(proof, recorded.rewardsRoot, leaf)) {
            revert EmissionInvalidProof(epochNumber, account, amount);
        }
        if (recorded.claimed + amount > recorded.total) {
            revert EmissionOverEpochEmission(epochNumber, recorded.claimed + amount, recorded.total);
        }
        _claimed[epochNumber][account] = true;
        recorded.claimed += uint128(amount);
        TOKEN.mint(account, amount);
        emit Claimed(epochNumber, account, amount);
    }

    function setBonusPool(uint256 newBonusPoolBps) external onlyRole(GOVERNOR_ROLE) {
        if (newBonusPoolBps > Economics.MAX_BONUS_POOL_BPS) revert EmissionBonusOutOfBounds(newBonusPoolBps);
        bonusPoolBps = newBonusPoolBps;
        emit BonusPoolSet(newBonusPoolBps);
    }
}
