// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignerSets} from "../common/SignerSets.sol";

/// @title The shared half of the Ethereum <-> BasedAI message bridge (Optimism CrossDomainMessenger style).
/// @notice Outgoing messages get a nonce and a versioned hash over (source chain, destination chain, nonce, sender,
///         target, value, gas limit, data). The sender chooses the gas limit and pays for it on the source chain (gas
///         burned in proportion, as Optimism meters minGasLimit). Incoming messages execute only with an M-of-N quorum
///         of relayer EIP-712 signatures, at most once each, with exactly their gas limit and without copying the
///         target's return data, so that one hostile target (a gas guzzler, a return bomb) costs the relayer no more
///         than its own limit and cannot sink a batch. A message whose call fails or runs out of its gas is kept in
///         failedMessages and anyone may retry it, and only it, with as much gas as they give.
///         Targets learn the remote sender from xDomainMessageSender().
/// @custom:invariant successfulMessages[h] is set at most once and never unset; a hash in successfulMessages is
///                   never executed again.
abstract contract CrossDomainMessenger is AccessControl, Pausable, ReentrancyGuard, EIP712 {
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    uint16 public constant MESSAGE_VERSION = 2;
    bytes32 public constant RELAY_TYPEHASH = keccak256("Relay(bytes32 messageHash)");
    address private constant NO_SENDER = address(0x000000000000000000000000000000000000dEaD);
    /// @dev Gas the messenger needs around a target call, beyond the call's own limit: setting and clearing the remote
    ///      sender, the CALL itself (cold account), and recording the outcome (a fresh storage slot and an event).
    uint256 public constant RELAY_RESERVED_GAS = 60_000;
    /// @notice The most gas one message may ask for, so that any message fits a block with room for its relay.
    uint256 public constant MAX_GAS_LIMIT = 5_000_000;
    /// @notice Largest message data: relayers batch messages into one transaction, and a node refuses a transaction
    /// over 128 KB, so one oversized message could otherwise keep a whole batch from ever being broadcast.
    uint256 public constant MAX_DATA_BYTES = 32 * 1024;
    /// @notice The sender pays for its gas limit on the source chain: gasLimit / GAS_BURN_DIVISOR gas is burned there.
    uint256 public constant GAS_BURN_DIVISOR = 32;

    error MessengerWrongChain(uint256 expected, uint256 actual);
    error MessengerNativeValueNotBridged();
    error MessengerAlreadyRelayed(bytes32 messageHash);
    error MessengerNotFailed(bytes32 messageHash);
    error MessengerNoMessageSender();
    error MessengerInsufficientGas(uint256 available, uint256 required);
    error MessengerBadBatch(uint256 signatures, uint256 expected);
    error MessengerGasLimitTooHigh(uint256 gasLimit, uint256 max);
    error MessengerDataTooLarge(uint256 length, uint256 max);

    event SentMessage(bytes32 indexed messageHash, uint256 indexed nonce, address indexed sender, address target,
        uint256 value, uint256 gasLimit, bytes data);
    event RelayedMessage(bytes32 indexed messageHash);
    event FailedRelayedMessage(bytes32 indexed messageHash);
    event RelayersSet(address[] relayers, uint256 threshold);

    uint256 public immutable REMOTE_CHAIN_ID;
    uint256 public messageNonce;
    mapping(bytes32 messageHash => bool) public successfulMessages;
    mapping(bytes32 messageHash => bool) public failedMessages;
    SignerSets.SignerSet private _relayers;
    address private _xDomainMessageSender = NO_SENDER;

    constructor(string memory name, address admin, address governor, uint256 remoteChainId, address[] memory initialRelayers,
        uint256 quorum) EIP712(name, "1")
    {
        REMOTE_CHAIN_ID = remoteChainId;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, governor);
        _grantRole(GUARDIAN_ROLE, admin);
        _setRelayers(initialRelayers, quorum);
    }

    function relayers() external view returns (address[] memory) {
        return _relayers.members;
    }

    function isRelayer(address account) external view returns (bool) {
        return _relayers.isMember[account];
    }

    function threshold() external view returns (uint256) {
        return _relayers.threshold;
    }

    /// @notice The remote sender of the message being executed; reverts outside an execution.
    function xDomainMessageSender() external view returns (address) {
        if (_xDomainMessageSender == NO_SENDER) revert MessengerNoMessageSender();
        return _xDomainMessageSender;
    }

    function hashMessage(uint256 sourceChainId, uint256 destinationChainId, uint256 nonce, address sender,
        address target, uint256 value, uint256 gasLimit, bytes memory data) public pure returns (bytes32)
    {
        return keccak256(abi.encode(MESSAGE_VERSION, sourceChainId, destinationChainId, nonce, sender, target, value,
            gasLimit, data));
    }

    /// @notice The EIP-712 digest relayers sign to attest a message hash.
    function relayDigest(bytes32 messageHash) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(RELAY_TYPEHASH, messageHash)));
    }

    /// @param gasLimit the gas the target call gets on the destination chain; the sender pays a share of it here
    function sendMessage(address target, bytes calldata data, uint256 gasLimit) external payable whenNotPaused
        returns (bytes32 messageHash)
    {
        if (msg.value != 0) revert MessengerNativeValueNotBridged();
        if (gasLimit > MAX_GAS_LIMIT) revert MessengerGasLimitTooHigh(gasLimit, MAX_GAS_LIMIT);
        if (data.length > MAX_DATA_BYTES) revert MessengerDataTooLarge(data.length, MAX_DATA_BYTES);
        _burnGas(gasLimit / GAS_BURN_DIVISOR);
        uint256 nonce = messageNonce++;
        messageHash = hashMessage(block.chainid, REMOTE_CHAIN_ID, nonce, msg.sender, target, 0, gasLimit, data);
        emit SentMessage(messageHash, nonce, msg.sender, target, 0, gasLimit, data);
    }

    /// @param signatures relayer signatures over relayDigest(hash), ordered by ascending relayer address
    function relayMessage(uint256 sourceChainId, uint256 destinationChainId, uint256 nonce, address sender,
        address target, uint256 value, uint256 gasLimit, bytes calldata data, bytes[] calldata signatures)
        external nonReentrant whenNotPaused
    {
        if (destinationChainId != block.chainid) revert MessengerWrongChain(block.chainid, destinationChainId);
        if (sourceChainId != REMOTE_CHAIN_ID) revert MessengerWrongChain(REMOTE_CHAIN_ID, sourceChainId);
        bytes32 messageHash = hashMessage(sourceChainId, destinationChainId, nonce, sender, target, value, gasLimit, data);
        if (successfulMessages[messageHash] || failedMessages[messageHash]) revert MessengerAlreadyRelayed(messageHash);
        SignerSets.requireQuorum(_relayers, relayDigest(messageHash), signatures);
        _execute(messageHash, sender, target, gasLimit, data, false);
    }

    /// @notice Relays several messages from the remote chain in one transaction. Messages carry no value (sendMessage
    ///         refuses it). One already relayed by another relayer is skipped rather than failing the batch; one whose
    ///         call fails is recorded failed and the batch goes on. The transaction needs the sum of the messages' gas
    ///         limits plus RELAY_RESERVED_GAS and the quorum check per message; with less it reverts as a whole.
    /// @param messages each abi.encode(uint256 nonce, address sender, address target, uint256 gasLimit, bytes data)
    /// @param signatures signaturesPerMessage signatures per message, in message order, each group ordered as in relayMessage
    /// @return relayed how many messages this call executed or recorded as failed
    function relayMessages(uint256 sourceChainId, bytes[] calldata messages, bytes[] calldata signatures,
        uint256 signaturesPerMessage) external nonReentrant whenNotPaused returns (uint256 relayed)
    {
        if (sourceChainId != REMOTE_CHAIN_ID) revert MessengerWrongChain(REMOTE_CHAIN_ID, sourceChainId);
        if (signatures.length != messages.length * signaturesPerMessage) {
            revert MessengerBadBatch(signatures.length, messages.length * signaturesPerMessage);
        }
        for (uint256 i = 0; i < messages.length; ++i) {
            (uint256 nonce, address sender, address target, uint256 gasLimit, bytes memory data) =
                abi.decode(messages[i], (uint256, address, address, uint256, bytes));
            bytes32 messageHash = hashMessage(sourceChainId, block.chainid, nonce, sender, target, 0, gasLimit, data);
            if (successfulMessages[messageHash] || failedMessages[messageHash]) continue;
            SignerSets.requireQuorum(_relayers, relayDigest(messageHash), signatures, i * signaturesPerMessage,
                signaturesPerMessage);
            _execute(messageHash, sender, target, gasLimit, data, false);
            ++relayed;
        }
    }

    /// @notice Anyone may retry a message whose call failed; nothing else can be executed this way. The retry gives
    ///         the target at least the message's gas limit and up to all the gas the caller brings.
    function retryMessage(uint256 sourceChainId, uint256 destinationChainId, uint256 nonce, address sender,
        address target, uint256 value, uint256 gasLimit, bytes calldata data) external nonReentrant whenNotPaused
    {
        bytes32 messageHash = hashMessage(sourceChainId, destinationChainId, nonce, sender, target, value, gasLimit, data);
        if (!failedMessages[messageHash] || successfulMessages[messageHash]) revert MessengerNotFailed(messageHash);
        _execute(messageHash, sender, target, gasLimit, data, true);
    }

    function setRelayers(address[] calldata newRelayers, uint256 quorum) external onlyRole(GOVERNOR_ROLE) {
        _setRelayers(newRelayers, quorum);
    }

    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(GUARDIAN_ROLE) {
        _unpause();
    }

    /// @dev Calls the target with exactly gasLimit gas (or, for a retry, everything above the reserve) and copies none of
    ///      its return data: a return bomb's data stays in its own frame (the "excessively safe call" with a copy
    ///      bound of zero). Before the call, the relay must hold gasLimit plus the 1/64 the EVM keeps back from a CALL
    ///      plus the messenger's own reserve; with less it reverts, so an underfunded relay cannot make a message fail.
    function _execute(bytes32 messageHash, address sender, address target, uint256 gasLimit, bytes memory data,
        bool allGas) private
    {
        uint256 required = gasLimit + gasLimit / 63 + RELAY_RESERVED_GAS;
        if (gasleft() < required) revert MessengerInsufficientGas(gasleft(), required);
        _xDomainMessageSender = sender;
        uint256 gasForCall = gasLimit;
        if (allGas && gasleft() > gasLimit + RELAY_RESERVED_GAS) gasForCall = gasleft() - RELAY_RESERVED_GAS;
        bool ok;
        assembly ("memory-safe") {
            ok := call(gasForCall, target, 0, add(data, 0x20), mload(data), 0, 0)
        }
        _xDomainMessageSender = NO_SENDER;
        if (ok) {
            successfulMessages[messageHash] = true;
            failedMessages[messageHash] = false;
            emit RelayedMessage(messageHash);
        } else {
            failedMessages[messageHash] = true;
            emit FailedRelayedMessage(messageHash);
        }
    }

    /// @dev Spends `amount` gas counting rounds: the source-side price of a message's gas limit.
    function _burnGas(uint256 amount) private view returns (uint256 rounds) {
        uint256 start = gasleft();
        while (start - gasleft() < amount) {
            unchecked {
                ++rounds;
            }
        }
    }

    function _setRelayers(address[] memory newRelayers, uint256 quorum) private {
        SignerSets.replace(_relayers, newRelayers, quorum);
        emit RelayersSet(newRelayers, quorum);
    }
}
