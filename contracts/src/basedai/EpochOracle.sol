// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {EmissionController} from "./EmissionController.sol";
import {SignerSets} from "../common/SignerSets.sol";
import {IBrainRegistry} from "./interfaces/IBrainRegistry.sol";

/// @title Posts epoch results attested by an M-of-N quorum of oracle signers (EIP-712 typed EpochResult).
/// @notice A result carries, per Brain, its total reward, plus one Merkle root of per-account rewards and the
///         pruning candidates of full Brains. The signer set changes only through governance.
contract EpochOracle is AccessControl, EIP712 {
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    bytes32 public constant EPOCH_RESULT_TYPEHASH = keccak256(
        "EpochResult(uint256 epoch,bytes32 brainTotalsHash,bytes32 prunesHash,bytes32 rewardsRoot,uint256 total)"
    );

    struct Prune {
        uint256 brainId;
        IBrainRegistry.Role role;
        uint256 uid;
    }

    error OracleLengthMismatch(uint256 brainIds, uint256 totals);
    error OracleBrainsNotAscending(uint256 index);

    event SignersSet(address[] signers, uint256 threshold);
    event BrainEpochTotal(uint256 indexed epoch, uint256 indexed brainId, uint256 total);
    event EpochPosted(uint256 indexed epoch, bytes32 rewardsRoot, uint256 total, uint256 signatures);

    EmissionController public immutable EMISSION;
    IBrainRegistry public immutable REGISTRY;

    SignerSets.SignerSet private _signers;

    constructor(address admin, address governor, EmissionController emission, IBrainRegistry registry, address[] memory initialSigners, uint256 quorum)
        EIP712("BasedAI EpochOracle", "1")
    {
        EMISSION = emission;
        REGISTRY = registry;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, governor);
        _setSigners(initialSigners, quorum);
    }

    function signers() external view returns (address[] memory) {
        return _signers.members;
    }

    function isSigner(address account) external view returns (bool) {
        return _signers.isMember[account];
    }

    function threshold() external view returns (uint256) {
        return _signers.threshold;
    }

    function setSigners(address[] calldata newSigners, uint256 quorum) external onlyRole(GOVERNOR_ROLE) {
        _setSigners(newSigners, quorum);
    }

    /// @notice The EIP-712 digest the signers sign for this result.
    function resultDigest(
        uint256 epoch,
        uint256[] calldata brainIds,
        uint256[] calldata brainTotals,
        Prune[] calldata prunes,
        bytes32 rewardsRoot
    ) public view returns (bytes32 digest, uint256 total) {
        if (brainIds.length != brainTotals.length) revert OracleLengthMismatch(brainIds.length, brainTotals.length);
        for (uint256 i = 0; i < brainIds.length; ++i) {
            if (i > 0 && brainIds[i] <= brainIds[i - 1]) revert OracleBrainsNotAscending(i);
            total += brainTotals[i];
        }
        bytes32 structHash = keccak256(abi.encode(
            EPOCH_RESULT_TYPEHASH, epoch, keccak256(abi.encode(brainIds, brainTotals)), keccak256(abi.encode(prunes)),
            rewardsRoot, total
        ));
        digest = _hashTypedDataV4(structHash);
    }

    /// @param signatures one per signer, ordered by ascending signer address (which rules out duplicates)
    function post(
        uint256 epoch,
        uint256[] calldata brainIds,
        uint256[] calldata brainTotals,
        Prune[] calldata prunes,
        bytes32 rewardsRoot,
        bytes[] calldata signatures
    ) external {
        (bytes32 digest, uint256 total) = resultDigest(epoch, brainIds, brainTotals, prunes, rewardsRoot);
        SignerSets.requireQuorum(_signers, digest, signatures);

        EMISSION.record(epoch, rewardsRoot, total);
        for (uint256 i = 0; i < brainIds.length; ++i) {
            emit BrainEpochTotal(epoch, brainIds[i], brainTotals[i]);
        }
        for (uint256 i = 0; i < prunes.length; ++i) {
            REGISTRY.setPruneCandidate(prunes[i].brainId, prunes[i].role, prunes[i].uid);
        }
        emit EpochPosted(epoch, rewardsRoot, total, signatures.length);
    }

    function _setSigners(address[] memory newSigners, uint256 quorum) private {
        SignerSets.replace(_signers, newSigners, quorum);
        emit SignersSet(newSigners, quorum);
    }
}
