// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CrossDomainMessenger} from "./CrossDomainMessenger.sol";

/// @title The Ethereum end of the message bridge. Its relayer set is managed by the administrator.
contract EthereumMessenger is CrossDomainMessenger {
    constructor(address admin, uint256 basedaiChainId, address[] memory initialRelayers, uint256 quorum)
        CrossDomainMessenger("BasedAI Ethereum Messenger", admin, admin, basedaiChainId, initialRelayers, quorum)
    {}
}
