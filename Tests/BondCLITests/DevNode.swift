import Encoding
import Ethereum
import Foundation
import HTTP
import Testing

/// The development node scripts/test starts (scripts/servers/dev_node.py): its URLs, funded
/// test accounts, JSON-RPC for checking what reached the chain, and its control endpoint.
struct DevNode {
    let rpc: String
    let control: String
    let chainID: Int
    let accounts: [(address: String, key: String)]

    static func running() throws -> DevNode {
        let path = try #require(ProcessInfo.processInfo.environment["BOND_DEVNODE_INFO"],
                                "the dev node is not running: run the tests through scripts/test (make test)")
        let info = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let accounts = try #require(info["accounts"] as? [[String: String]]).map { ($0["address"]!, $0["private_key"]!) }
        return DevNode(rpc: info["rpc"] as! String, control: info["control"] as! String, chainID: info["chain_id"] as! Int, accounts: accounts)
    }

    /// A key file (mode 600) for test account `index` in `directory`.
    func keyFile(_ index: Int, in directory: TemporaryDirectory) throws -> String {
        let path = directory.path("account-\(index).key")
        try Data((accounts[index].key + "\n").utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    /// Sends a control command (see dev_node.py) and returns its answer.
    @discardableResult
    func control(_ command: [String: Any]) throws -> [String: Any] {
        let client = try HTTPClient(options: HTTPOptions())
        let body = try JSONSerialization.data(withJSONObject: command)
        let response = try client.send(HTTPRequest(method: "POST", url: control, body: Array(body)))
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    /// A JSON-RPC call to the node, for checking what bond did.
    func call(_ method: String, _ params: [JSONValue]) throws -> JSONValue {
        var options = HTTPOptions()
        options.retries = 0
        return try JSONRPCClient(url: rpc, http: try HTTPClient(options: options)).call(method, params)
    }

    /// The number of transactions `address` has sent (its mined nonce).
    func nonce(of address: String) throws -> Int {
        guard case .string(let hex) = try call("eth_getTransactionCount", [.string(address), .string("latest")]) else { return -1 }
        return Int(hex.dropFirst(2), radix: 16) ?? -1
    }

    /// A mined transaction as the node reports it.
    func transaction(_ hash: String) throws -> [String: JSONValue] {
        let object = try #require(try call("eth_getTransactionByHash", [.string(hash)]).objectValue)
        return Dictionary(uniqueKeysWithValues: object.members.map { ($0.key, $0.value) })
    }
}

extension JSONValue {
    /// The hex quantity as an integer (tests only).
    var quantity: Int? {
        guard case .string(let text) = self, text.hasPrefix("0x") else { return nil }
        return Int(text.dropFirst(2), radix: 16)
    }
}
