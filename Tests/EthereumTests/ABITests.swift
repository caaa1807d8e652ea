import Encoding
import Ethereum
import Testing

@Suite("ABI calldata")
struct ABITests {
    @Test("encodes 120 calls byte-identically to eth-abi, from JSON arguments")
    func ethABIVectors() throws {
        let vectors = try VectorFile.vectors("abi-eth-abi.json")
        #expect(vectors.count == 120)
        for vector in vectors {
            let signature = try FunctionSignature(vector["function"] as! String)
            let arguments = try JSONParser.parse(try VectorFile.text(vector["args"]!))
            guard case .array(let list) = arguments else { Issue.record("args"); continue }
            let calldata = signature.calldata(try ABIArguments.values(list, for: signature))
            #expect(Hex.encode(calldata) == vector["calldata"] as? String, "\(signature)")
        }
    }

    @Test("the selector of saveSmartMeterRead is Keccak-256 of its canonical signature")
    func selector() throws {
        // transfer(address,uint256) is the well-known 0xa9059cbb.
        #expect(Hex.encode(try FunctionSignature("transfer(address,uint)").selector) == "0xa9059cbb")
        #expect(try FunctionSignature("f(uint, int[] , (uint,bool)[2])").canonical == "f(uint256,int256[],(uint256,bool)[2])")
        // Solidity-style parameter names and data locations, as copied from a contract.
        #expect(try FunctionSignature("saveSmartMeterRead(uint256 _assetId, uint256 _newMeterRead, bool _smartMeterDown, bytes32 _lastSmartMeterReadFileHash, uint256 _CO2OffsetMeterRead, bool _CO2OffsetServiceDown)").canonical
                == "saveSmartMeterRead(uint256,uint256,bool,bytes32,uint256,bool)")
        #expect(try FunctionSignature("f(bytes memory data, (uint a, bool b)[] calldata items) (uint256 total)").description
                == "f(bytes,(uint256,bool)[])(uint256)")
        let withReturns = try FunctionSignature("getLastSmartMeterReadFileHash(uint256)(bytes32)")
        #expect(withReturns.outputs == [.fixedBytes(32)] && withReturns.inputs == [.uint(256)])
    }

    @Test("reads --arg texts as cast does: numbers, hex, booleans, [arrays] and (tuples)")
    func textArguments() throws {
        let signature = try FunctionSignature("f(uint8,int16,bool,bytes2,address[],(uint256,string),string)")
        let values = try ABIArguments.values(texts: ["255", "-0x10", "true", "0xabcd", "[0x0000000000000000000000000000000000000001, 0x0000000000000000000000000000000000000002]", "(7,\"a, b\")", "plain text, with comma"], for: signature)
        #expect(values[0] == .uint(UInt256(255)))
        #expect(values[1] == .int(UInt256(16).twosComplement))
        #expect(values[2] == .bool(true))
        #expect(values[3] == .fixedBytes([0xAB, 0xCD]))
        #expect(values[5] == .tuple([.uint(UInt256(7)), .string("a, b")]))
        #expect(values[6] == .string("plain text, with comma"))
    }

    @Test("refuses values out of their type's range or form, naming the argument",
          arguments: [
            ("f(uint8)", "256", "argument 1 (uint8): 256 does not fit uint8"),
            ("f(int8)", "128", "argument 1 (int8): 128 does not fit int8"),
            ("f(int8)", "-129", "argument 1 (int8): -129 does not fit int8"),
            ("f(uint256)", "-1", "argument 1 (uint256): -1 is negative"),
            ("f(uint256)", "1.5", "argument 1 (uint256): expected a whole number, got '1.5'"),
            ("f(bool)", "yes", "argument 1 (bool): expected true or false, got 'yes'"),
            ("f(bytes32)", "0x01", "argument 1 (bytes32): bytes32 takes 32 bytes, got 1"),
            ("f(bytes)", "abc", "argument 1 (bytes): expected 0x hex bytes, got 'abc'"),
            ("f(uint256[2])", "[1,2,3]", "argument 1 (uint256[2]): uint256[2] takes 2 elements, got 3"),
            ("f(address)", "0x123", "argument 1 (address): address '0x123' has 3 hex digits, not 40"),
          ])
    func rangeErrors(signature: String, argument: String, message: String) throws {
        let function = try FunctionSignature(signature)
        do {
            _ = try ABIArguments.values(texts: [argument], for: function)
            Issue.record("accepted \(argument) for \(signature)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("accepts the ends of each integer range", arguments: [
        ("f(int8)", "-128"), ("f(int8)", "127"), ("f(uint8)", "0"),
        ("f(int256)", "-57896044618658097711785492504343953926634992332820282019728792003956564819968"),
        ("f(uint256)", "115792089237316195423570985008687907853269984665640564039457584007913129639935"),
    ])
    func rangeEnds(signature: String, argument: String) throws {
        #expect(throws: Never.self) { try ABIArguments.values(texts: [argument], for: try FunctionSignature(signature)) }
    }

    @Test("refuses malformed signatures and types", arguments: [
        "f(uint7)", "f(bytes33)", "f(uint256", "(uint256)", "f(uint256)(bool", "f(foo)", "f(uint256[0])", "1f()",
    ])
    func badSignatures(text: String) {
        #expect(throws: ABIError.self) { try FunctionSignature(text) }
    }

    @Test("refuses the wrong number of arguments")
    func argumentCount() throws {
        let signature = try FunctionSignature("f(uint256,bool)")
        #expect(throws: ABIError.wrongArgumentCount(expected: 2, given: 1, signature: "f(uint256,bool)")) {
            try ABIArguments.values(texts: ["1"], for: signature)
        }
    }
}
