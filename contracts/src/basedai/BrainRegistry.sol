// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Economics} from "./Economics.sol";
import {IBrainRegistry} from "./interfaces/IBrainRegistry.sol";

/// @title Brains on the BasedAI chain: ownership mirrored from Ethereum, owner configuration, and the miners
///        and validators memorized on each Brain.
/// @notice Ownership is fed by the holder of BRIDGE_ROLE: the bridge's RegistryFeeder (messages from the Ethereum
///         BrainMirror); the deployer holds the role only until the bridge is deployed.
///         A full Brain replaces the pruning candidate that the oracle names each epoch (its lowest-scoring
///         registrant outside the immunity period), so memorize costs the same with 10 or 1,792 miners.
/// @custom:invariant nodeCount(b, Miner) <= 1792 and nodeCount(b, Validator) <= 256 for every Brain b.
contract BrainRegistry is IBrainRegistry, AccessControl, Pausable {
    using SafeERC20 for IERC20;

    bytes32 public constant BRIDGE_ROLE = keccak256("BRIDGE_ROLE");
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");

    struct Brain {
        address owner;
        uint8 method;
        uint64 acquiredAt;
        bool active;
    }

    struct Config {
        string name;
        string modelId;
        string sourceUrl;
        address rewardAddress;
        uint16 minerShareBps;
        uint16 ownerHandoffBps;
        bool configured;
    }

    struct Node {
        address account;
        bytes32 computeKey;
        uint64 registeredAt;
    }

    IERC20 public immutable BASED;

    uint256 public minRegistrationFee;
    uint256 public maxRegistrationFee = Economics.DEFAULT_MAX_REGISTRATION_FEE;

    mapping(uint256 brainId => Brain) private _brains;
    mapping(uint256 brainId => Config) private _configs;
    mapping(uint256 brainId => uint256) private _feePlusOne;
    mapping(uint256 brainId => mapping(Role => Node[])) private _nodes;
    mapping(uint256 brainId => mapping(Role => mapping(address => uint256))) private _uidPlusOne;
    mapping(uint256 brainId => mapping(Role => uint256)) private _prunePlusOne;
    mapping(uint256 brainId => string) private _reservedRoles;
    /// @dev Miners' axons by slot: a slot taken over by a new registrant starts with no axon.
    mapping(uint256 brainId => mapping(uint256 uid => Axon)) private _axons;

    /// @notice Longest endpoint a miner may announce, in bytes (a URL; bounds what clients read from the chain).
    uint256 public constant MAX_ENDPOINT_BYTES = 256;

    constructor(address admin, address governor, IERC20 based) {
        BASED = based;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, governor);
        _grantRole(BRIDGE_ROLE, admin);
        _reservedRoles[0] = "emission";
        _reservedRoles[1] = "network administration";
        _reservedRoles[2] = "TFT Enforcer";
        _reservedRoles[3] = "network administration";
        _reservedRoles[4] = "network administration";
        _reservedRoles[5] = "network administration";
        _reservedRoles[6] = "network administration";
        _reservedRoles[47] = "network administration";
    }

    modifier onlyBrainOwner(uint256 brainId) {
        if (_brains[brainId].owner != msg.sender || !_brains[brainId].active) {
            revert RegistryNotBrainOwner(brainId, msg.sender);
        }
        _;
    }

    // ---- ownership mirror -------------------------------------------------------------------------------

    /// @notice Records a Brain's Ethereum-side state. A new owner starts with the reward address reset to itself.
    function syncBrain(uint256 brainId, address owner, uint8 method, uint64 acquiredAt, bool active)
        external
        onlyRole(BRIDGE_ROLE)
    {
        if (_brains[brainId].owner != owner) _configs[brainId].rewardAddress = owner;
        _brains[brainId] = Brain(owner, method, acquiredAt, active);
        emit BrainSynced(brainId, owner, method, acquiredAt, active);
    }

    function ownerOf(uint256 brainId) external view returns (address) {
        return _brains[brainId].owner;
    }

    function isActive(uint256 brainId) public view returns (bool) {
        return _brains[brainId].active;
    }

    function brain(uint256 brainId) external view returns (Brain memory) {
        return _brains[brainId];
    }

    function reservedRole(uint256 brainId) external view returns (string memory) {
        return _reservedRoles[brainId];
    }

    // ---- owner configuration ----------------------------------------------------------------------------

    function configure(
        uint256 brainId,
        string calldata name,
        string calldata modelId,
        string calldata sourceUrl,
        address rewardAddress,
        uint16 minerShareBps,
        uint16 ownerHandoffBps
    ) external onlyBrainOwner(brainId) {
        if (minerShareBps > Economics.BPS) revert RegistryInvalidShare(minerShareBps);
        if (ownerHandoffBps > Economics.BPS) revert RegistryInvalidShare(ownerHandoffBps);
        address rewards = rewardAddress == address(0) ? msg.sender : rewardAddress;
        _configs[brainId] = Config(name, modelId, sourceUrl, rewards, minerShareBps, ownerHandoffBps, true);
        emit BrainConfigured(brainId, name, modelId, sourceUrl, rewards, minerShareBps, ownerHandoffBps);
    }

    function config(uint256 brainId) public view returns (Config memory cfg) {
        cfg = _configs[brainId];
        if (!cfg.configured) cfg.minerShareBps = uint16(Economics.DEFAULT_MINER_SHARE_BPS);
        if (cfg.rewardAddress == address(0)) cfg.rewardAddress = _brains[brainId].owner;
    }

    /// @notice The fee applies to registrations from now on; nodes already memorized keep their slot.
    function setRegistrationFee(uint256 brainId, uint256 fee) external onlyBrainOwner(brainId) {
        if (fee < minRegistrationFee || fee > maxRegistrationFee) {
            revert RegistryFeeOutOfBounds(fee, minRegistrationFee, maxRegistrationFee);
        }
        _feePlusOne[brainId] = fee + 1;
        emit RegistrationFeeSet(brainId, fee);
    }

    function registrationFee(uint256 brainId) public view returns (uint256) {
        uint256 stored = _feePlusOne[brainId];
        return stored == 0 ? Economics.DEFAULT_REGISTRATION_FEE : stored - 1;
    }

    // ---- nodes ------------------------------------------------------------------------------------------

    function memorize(uint256 brainId, Role role, bytes32 computeKey) external whenNotPaused returns (uint256 uid) {
        if (!isActive(brainId)) revert RegistryBrainInactive(brainId);
        uint256 existing = _uidPlusOne[brainId][role][msg.sender];
        if (existing != 0) revert RegistryAlreadyRegistered(brainId, msg.sender, existing - 1);

        uint256 fee = registrationFee(brainId);
        Node[] storage nodes = _nodes[brainId][role];
        if (nodes.length < slots(role)) {
            uid = nodes.length;
            nodes.push(Node(msg.sender, computeKey, uint64(block.number)));
        } else {
            uid = _takePrunedSlot(brainId, role);
            address replaced = nodes[uid].account;
            delete _uidPlusOne[brainId][role][replaced];
            if (role == Role.Miner) delete _axons[brainId][uid];
            nodes[uid] = Node(msg.sender, computeKey, uint64(block.number));
            emit NodeReplaced(brainId, role, uid, replaced, msg.sender);
        }
        _uidPlusOne[brainId][role][msg.sender] = uid + 1;
        if (fee > 0) BASED.safeTransferFrom(msg.sender, config(brainId).rewardAddress, fee);
        emit NodeMemorized(brainId, role, uid, msg.sender, computeKey, fee);
    }

    /// @notice Announces where the caller's own miner entry on `brainId` serves (Bittensor's axon). Only the node
    ///         itself may set its axon; a new announcement replaces the old one.
    function serve(uint256 brainId, string calldata endpoint, bytes32 certificateHash) external whenNotPaused {
        uint256 stored = _uidPlusOne[brainId][Role.Miner][msg.sender];
        if (stored == 0) revert RegistryNotMiner(brainId, msg.sender);
        uint256 length = bytes(endpoint).length;
        if (length == 0 || length > MAX_ENDPOINT_BYTES) revert RegistryInvalidEndpoint(length, MAX_ENDPOINT_BYTES);
        if (certificateHash == bytes32(0)) revert RegistryInvalidCertificateHash();
        uint256 uid = stored - 1;
        _axons[brainId][uid] = Axon(endpoint, certificateHash, uint64(block.number));
        emit NodeServing(brainId, uid, msg.sender, endpoint, certificateHash);
    }

    /// @notice The axon of miner `uid` on `brainId`; an empty endpoint when it has announced none.
    function axon(uint256 brainId, uint256 uid) external view returns (Axon memory) {
        return _axons[brainId][uid];
    }

    function setPruneCandidate(uint256 brainId, Role role, uint256 uid) external onlyRole(ORACLE_ROLE) {
        if (uid >= _nodes[brainId][role].length) revert RegistryUnknownNode(brainId, role, uid);
        _prunePlusOne[brainId][role] = uid + 1;
        emit PruneCandidateSet(brainId, role, uid);
    }

    function slots(Role role) public pure returns (uint256) {
        return role == Role.Miner ? Economics.MINER_SLOTS : Economics.VALIDATOR_SLOTS;
    }

    function nodeCount(uint256 brainId, Role role) external view returns (uint256) {
        return _nodes[brainId][role].length;
    }

    function node(uint256 brainId, Role role, uint256 uid) external view returns (Node memory) {
        if (uid >= _nodes[brainId][role].length) revert RegistryUnknownNode(brainId, role, uid);
        return _nodes[brainId][role][uid];
    }

    function uidOf(uint256 brainId, Role role, address account) external view returns (bool registered, uint256 uid) {
        uint256 stored = _uidPlusOne[brainId][role][account];
        return (stored != 0, stored == 0 ? 0 : stored - 1);
    }

    // ---- governance ---------------------------------------------------------------------------------------

    function setRegistrationFeeBounds(uint256 minFee, uint256 maxFee) external onlyRole(GOVERNOR_ROLE) {
        if (minFee > maxFee) revert RegistryInvalidFeeBounds(minFee, maxFee);
        minRegistrationFee = minFee;
        maxRegistrationFee = maxFee;
    }

    function pause() external onlyRole(GOVERNOR_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(GOVERNOR_ROLE) {
        _unpause();
    }

    function _takePrunedSlot(uint256 brainId, Role role) private returns (uint256 uid) {
        uint256 candidate = _prunePlusOne[brainId][role];
        if (candidate == 0) revert RegistryBrainFull(brainId, role);
        uid = candidate - 1;
        if (block.number < _nodes[brainId][role][uid].registeredAt + Economics.IMMUNITY_BLOCKS) {
            revert RegistryBrainFull(brainId, role);
        }
        delete _prunePlusOne[brainId][role];
    }
}
