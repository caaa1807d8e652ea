// bond-bench: in-process timings of bond's own primitives, and the minimal JSON-RPC responder,
// for bench/run. Not installed.
//   bond-bench keccak BLOCK-BYTES SECONDS   Keccak-256 over repeated blocks: prints MB/s
//   bond-bench responder PORT-FILE          see Responder.swift
import Glibc
import Hashing

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments
if arguments.count == 3 && arguments[1] == "responder" { Responder.serve(portFile: arguments[2]) }
guard arguments.count == 4, arguments[1] == "keccak", let blockSize = Int(arguments[2]), let seconds = Double(arguments[3]) else {
    print("usage: bond-bench keccak BLOCK-BYTES SECONDS")
    exit(64)
}
let block = [UInt8]((0..<blockSize).map { UInt8(truncatingIfNeeded: $0 &* 131) })
var digest = Bytes32.zero
var hashed = 0
let start = now()
var elapsed = 0.0
repeat {
    for _ in 0..<16 {
        digest = Keccak256.hash(block)
        hashed += blockSize
    }
    elapsed = now() - start
} while elapsed < seconds
print(Double(hashed) / elapsed / 1e6, digest[0])
