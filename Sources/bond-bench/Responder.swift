import Encoding
import Glibc
import Hashing

/// `bond-bench responder PORT-FILE`: the minimal JSON-RPC server of bench/run's send-tx row.
/// It answers every request at once with the Keccak-256 of the raw transaction in its params,
/// over HTTP/1.1 keep-alive, one connection at a time, so that what the row measures is the
/// client, not the server.
enum Responder {
    static func serve(portFile: String) -> Never {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(listener, 16)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(listener, $0, &length) } }
        let port = UInt16(bigEndian: address.sin_port)
        let file = fopen(portFile, "w")
        fputs(String(port), file)
        fclose(file)
        while true {
            let connection = accept(listener, nil, nil)
            if connection >= 0 { handle(connection) }
        }
    }

    private static func handle(_ connection: Int32) {
        var one: Int32 = 1
        setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        defer { close(connection) }
        while true {
            // Read until a whole request (headers and Content-Length bytes of body) is in.
            while true {
                if let request = takeRequest(&buffer) {
                    respond(connection, request)
                    continue
                }
                let count = chunk.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
                if count <= 0 { return }
                buffer += chunk[0..<count]
            }
        }
    }

    /// Removes and returns one request body from `buffer`, if a whole one is there.
    private static func takeRequest(_ buffer: inout [UInt8]) -> [UInt8]? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = buffer.firstRange(of: separator) else { return nil }
        let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self).lowercased()
        var length = 0
        for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
            length = Int(line.dropFirst(15).trimmingASCIIWhitespace) ?? 0
        }
        let bodyStart = end.upperBound
        guard buffer.count >= bodyStart + length else { return nil }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        return body
    }

    private static func respond(_ connection: Int32, _ body: [UInt8]) {
        var id = "null"
        var result = "null"
        if let request = try? JSONParser.parse(body).objectValue {
            if let requestID = request["id"] { id = JSONWriter.text(requestID) }
            if case .array(let params)? = request["params"], case .string(let raw)? = params.first, let bytes = try? Hex.decode(raw) {
                result = "\"" + Hex.encode(Keccak256.hash(bytes)) + "\""
            }
        }
        let answer = "{\"jsonrpc\":\"2.0\",\"id\":\(id),\"result\":\(result)}"
        let reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(answer.utf8.count)\r\n\r\n" + answer
        var bytes = Array(reply.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeMutableBytes { write(connection, $0.baseAddress! + written, $0.count - written) }
            if count <= 0 { return }
            written += count
        }
    }
}
