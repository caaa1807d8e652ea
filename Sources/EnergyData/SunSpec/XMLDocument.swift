import CXMLShim
import Encoding
import Glibc

/// An XML document parsed by libxml2 (loaded on first use), read through ``XMLElement``s.
/// libxml2, unlike FoundationXML's parser, refuses malformed documents such as `<r>` or an empty
/// text. The shim keeps the document as a compact tree (elements linked
/// by index, one byte arena) and never processes a DTD: no entity is declared, expanded or
/// loaded.
final class XMLDocument {
    private let tree: UnsafeMutablePointer<bond_xml_tree>

    /// Parses `bytes`.
    /// - Throws: ``PayloadError`` with libxml2's message and line for a malformed or empty
    ///   document; ``PayloadError/parserUnavailable(_:)`` when libxml2 cannot be loaded.
    init(_ bytes: [UInt8]) throws(PayloadError) {
        var message = [CChar](repeating: 0, count: 512)
        guard bond_xml_load(&message, message.count) == 0 else { throw .parserUnavailable(XMLDocument.text(message)) }
        guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else {
            throw PayloadError.invalid("the XML document is empty (line 1)")
        }
        guard bytes.count < Int32.max else { throw PayloadError.invalid("the XML document is larger than 2 GiB") }
        var line: Int32 = 0
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                bond_xml_parse($0.baseAddress, Int32($0.count), &message, message.count, &line)
            }
        }
        guard let parsed else {
            throw PayloadError.invalid("malformed XML at line \(max(line, 1)): \(XMLDocument.text(message))")
        }
        tree = parsed
    }

    deinit { bond_xml_tree_free(tree) }

    /// The root element.
    var root: XMLElement { XMLElement(document: self, index: 0) }

    fileprivate func element(_ index: Int32) -> bond_xml_element { tree.pointee.elements[Int(index)] }

    fileprivate func string(at offset: UInt32) -> String {
        String(cString: tree.pointee.arena + Int(offset))
    }

    fileprivate func text(at offset: UInt32, length: UInt32) -> String {
        let start = UnsafeRawPointer(tree.pointee.arena + Int(offset)).assumingMemoryBound(to: UInt8.self)
        return String(decoding: UnsafeBufferPointer(start: start, count: Int(length)), as: UTF8.self)
    }

    fileprivate func attribute(_ index: Int) -> bond_xml_attribute { tree.pointee.attributes[index] }

    /// The text of a NUL-terminated message buffer.
    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// An element of an ``XMLDocument`` (it keeps the document alive).
struct XMLElement {
    let document: XMLDocument
    let index: Int32

    private var record: bond_xml_element { document.element(index) }

    var name: String { document.string(at: record.name) }

    /// The line the element's start tag ends on.
    var line: Int { Int(record.line) }

    /// The child elements, in order.
    var children: [XMLElement] {
        var out: [XMLElement] = []
        var child = record.first_child
        while child >= 0 {
            out.append(XMLElement(document: document, index: child))
            child = document.element(child).next_sibling
        }
        return out
    }

    /// The child elements named `name`.
    func children(named name: String) -> [XMLElement] {
        var out: [XMLElement] = []
        var child = record.first_child
        while child >= 0 {
            let element = XMLElement(document: document, index: child)
            if element.isNamed(name) { out.append(element) }
            child = document.element(child).next_sibling
        }
        return out
    }

    /// Whether the element's name is `name`, compared without making a String.
    func isNamed(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { wanted in
            document.withName(record.name) { $0.elementsEqual(wanted) }
        }
    }

    func attribute(_ name: String) -> String? {
        let record = self.record
        for offset in 0..<Int(record.attribute_count) {
            let attribute = document.attribute(Int(record.first_attribute) + offset)
            if document.string(at: attribute.name) == name { return document.string(at: attribute.value) }
        }
        return nil
    }

    /// The element's direct text, with surrounding whitespace removed.
    var text: String {
        let record = self.record
        return document.text(at: record.text, length: record.text_length).trimmingASCIIWhitespace
    }
}

extension XMLDocument {
    /// Calls `body` with the bytes of the NUL-terminated name at `offset`.
    fileprivate func withName<T>(_ offset: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let start = UnsafeRawPointer(tree.pointee.arena + Int(offset)).assumingMemoryBound(to: UInt8.self)
        return body(UnsafeBufferPointer(start: start, count: strlen(tree.pointee.arena + Int(offset))))
    }
}
