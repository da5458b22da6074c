// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Economics} from "./Economics.sol";
import {EmissionController} from "./EmissionController.sol";

/// @title The TFT Enforcer's forecasts board: per epoch and Brain, each miner's forecast contribution.
/// @notice The TFT Enforcer (the role of administrative Brain #2) forecasts every node's contribution for an epoch
///         and posts it here before the epoch closes, so that every oracle signer blends the same numbers into the
///         incentive. A forecast is posted once per (epoch, Brain) and never after the epoch closed: a forecast
///         written after the fact could be fitted to the outcome. The values travel in the event; the contract keeps
///         their root, keccak256(abi.encode(uids, values)), against which readers check what they decode from logs.
/// @custom:invariant forecastRoot(e, b) is written at most once, while currentEpoch() <= e.
contract EnforcerForecasts is AccessControl {
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    /// @notice Granted by governance (the role's admin is DEFAULT_ADMIN_ROLE, the timelock after hand-over).
    bytes32 public constant ENFORCER_ROLE = keccak256("ENFORCER_ROLE");
    uint256 public constant MAX_ENTRIES = Economics.MINER_SLOTS;

    EmissionController public immutable EMISSION;

    mapping(uint256 epoch => mapping(uint256 brainId => bytes32)) private _roots;

    /// @notice Epoch `epoch` closed: it is `currentEpoch` now; forecasts are for the current or a coming epoch.
    error ForecastEpochClosed(uint256 epoch, uint256 currentEpoch);
    error ForecastAlreadyPosted(uint256 epoch, uint256 brainId, bytes32 root);
    error ForecastLengthMismatch(uint256 uids, uint256 values);
    error ForecastTooMany(uint256 count, uint256 maxCount);
    /// @notice uids must be strictly ascending: `uid` at `index` does not follow `previous`.
    error ForecastUidsNotAscending(uint256 index, uint256 previous, uint256 uid);

    event ForecastPosted(uint256 indexed epoch, uint256 indexed brainId, bytes32 root, uint16[] uids, uint16[] values);

    /// @dev GOVERNOR_ROLE is granted like on every BasedAI contract; no parameter needs it yet.
    constructor(address admin, address governor, EmissionController emission) {
        EMISSION = emission;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, governor);
    }

    function post(uint256 epoch, uint256 brainId, uint16[] calldata uids, uint16[] calldata values)
        external
        onlyRole(ENFORCER_ROLE)
    {
        uint256 current = EMISSION.currentEpoch();
        if (current > epoch) revert ForecastEpochClosed(epoch, current);
        bytes32 existing = _roots[epoch][brainId];
        if (existing != bytes32(0)) revert ForecastAlreadyPosted(epoch, brainId, existing);
        if (uids.length != values.length) revert ForecastLengthMismatch(uids.length, values.length);
        if (uids.length > MAX_ENTRIES) revert ForecastTooMany(uids.length, MAX_ENTRIES);
        for (uint256 i = 1; i < uids.length; ++i) {
            if (uids[i] <= uids[i - 1]) revert ForecastUidsNotAscending(i, uids[i - 1], uids[i]);
        }
        bytes32 root = keccak256(abi.encode(uids, values));
        _roots[epoch][brainId] = root;
        emit ForecastPosted(epoch, brainId, root, uids, values);
    }

    /// @notice The root of the forecast for (epoch, Brain); zero when none was posted.
    function forecastRoot(uint256 epoch, uint256 brainId) external view returns (bytes32) {
        return _roots[epoch][brainId];
    }
}
