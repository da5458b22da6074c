// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title An M-of-N set of ECDSA signers, shared by the epoch oracle and the bridge messengers.
/// @notice Signatures must come in ascending signer order, which rules out counting one signer twice.
library SignerSets {
    struct SignerSet {
        address[] members;
        mapping(address => bool) isMember;
        uint256 threshold;
    }

    error SignerSetInvalid(uint256 members, uint256 threshold);
    error SignerNotMember(address recovered);
    error SignersNotAscending(uint256 index);
    error SignerQuorumNotReached(uint256 signatures, uint256 threshold);

    /// @dev Replaces the whole set; members must be distinct and non-zero, 1 <= threshold <= members.
    function replace(SignerSet storage set, address[] memory members, uint256 threshold) internal {
        if (threshold == 0 || threshold > members.length) revert SignerSetInvalid(members.length, threshold);
        for (uint256 i = 0; i < set.members.length; ++i) {
            set.isMember[set.members[i]] = false;
        }
        for (uint256 i = 0; i < members.length; ++i) {
            if (members[i] == address(0) || set.isMember[members[i]]) revert SignerSetInvalid(members.length, threshold);
            set.isMember[members[i]] = true;
        }
        set.members = members;
        set.threshold = threshold;
    }

    /// @dev Reverts unless at least `threshold` distinct members signed `digest`.
    function requireQuorum(SignerSet storage set, bytes32 digest, bytes[] calldata signatures) internal view {
        requireQuorum(set, digest, signatures, 0, signatures.length);
    }

    /// @dev The same over signatures[start, start + count), for batches that pack several groups in one array.
    function requireQuorum(SignerSet storage set, bytes32 digest, bytes[] calldata signatures, uint256 start,
        uint256 count) internal view
    {
        address previous;
        for (uint256 i = 0; i < count; ++i) {
            address signer = ECDSA.recover(digest, signatures[start + i]);
            if (!set.isMember[signer]) revert SignerNotMember(signer);
            if (signer <= previous) revert SignersNotAscending(i);
            previous = signer;
        }
        if (count < set.threshold) revert SignerQuorumNotReached(count, set.threshold);
    }
}
