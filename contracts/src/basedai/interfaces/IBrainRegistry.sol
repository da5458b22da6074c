// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title The BasedAI chain's view of Brains: ownership mirrored from Ethereum, configuration and nodes.
interface IBrainRegistry {
    enum Role {
        Miner,
        Validator
    }

    /// @notice Where a miner serves encrypted inference: an https:// endpoint and the SHA-256 of its self-signed
    ///         certificate, which clients pin instead of trusting a CA. Empty until the miner calls serve.
    struct Axon {
        string endpoint;
        bytes32 certificateHash;
        uint64 updatedAt;
    }

    error RegistryBrainInactive(uint256 brainId);
    error RegistryNotBrainOwner(uint256 brainId, address caller);
    error RegistryInvalidShare(uint256 bps);
    error RegistryFeeOutOfBounds(uint256 fee, uint256 minFee, uint256 maxFee);
    error RegistryInvalidFeeBounds(uint256 minFee, uint256 maxFee);
    error RegistryAlreadyRegistered(uint256 brainId, address node, uint256 uid);
    /// @notice Every slot of `role` is taken and no registrant may be replaced yet.
    error RegistryBrainFull(uint256 brainId, Role role);
    error RegistryUnknownNode(uint256 brainId, Role role, uint256 uid);
    /// @notice Only a miner memorized on the Brain may announce where it serves, and only its own entry.
    error RegistryNotMiner(uint256 brainId, address caller);
    /// @notice The endpoint must be 1 to 256 bytes long.
    error RegistryInvalidEndpoint(uint256 length, uint256 maxLength);
    error RegistryInvalidCertificateHash();

    event BrainSynced(uint256 indexed brainId, address indexed owner, uint8 method, uint64 acquiredAt, bool active);
    event BrainConfigured(uint256 indexed brainId, string name, string modelId, string sourceUrl, address rewardAddress, uint16 minerShareBps, uint16 ownerHandoffBps);
    event RegistrationFeeSet(uint256 indexed brainId, uint256 fee);
    event NodeMemorized(uint256 indexed brainId, Role indexed role, uint256 uid, address indexed node, bytes32 computeKey, uint256 feePaid);
    event NodeReplaced(uint256 indexed brainId, Role indexed role, uint256 uid, address replaced, address indexed node);
    event NodeServing(uint256 indexed brainId, uint256 indexed uid, address indexed account, string endpoint, bytes32 certificateHash);
    event PruneCandidateSet(uint256 indexed brainId, Role indexed role, uint256 uid);

    function ownerOf(uint256 brainId) external view returns (address);

    function isActive(uint256 brainId) external view returns (bool);

    function uidOf(uint256 brainId, Role role, address node) external view returns (bool registered, uint256 uid);

    /// @notice How many slots of `role` any Brain has: 1,792 miners, 256 validators.
    function slots(Role role) external view returns (uint256);

    /// @notice How many nodes of `role` are memorized on the Brain; their uids are 0 .. nodeCount - 1.
    function nodeCount(uint256 brainId, Role role) external view returns (uint256);

    function setPruneCandidate(uint256 brainId, Role role, uint256 uid) external;
}
