// bond's door to libxml2: the library is loaded with dlopen on first use, never linked (it pulls
// in ICU and costs about 2 ms at every start). Types come from libxml2-dev's headers; the
// functions bond calls go through this shim.
//
// A document is read with libxml2's SAX2 push parser into a compact tree: one array of
// elements linked by index, one array of attributes, one byte arena for names, values and
// text. That costs a few large allocations instead of one per node, and no DTD is ever
// processed: no entity is declared, expanded or fetched, and nothing touches the network.
#ifndef BOND_CXML_SHIM_H
#define BOND_CXML_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// One element: its place in the tree (indices into the element array, -1 for none), the
/// line its start tag ends on, and offsets into the arena.
typedef struct {
    int32_t parent;
    int32_t first_child;
    int32_t next_sibling;
    int32_t line;
    /// Offset of its NUL-terminated local name.
    uint32_t name;
    /// Index of its first attribute and how many it has.
    uint32_t first_attribute;
    uint32_t attribute_count;
    /// Offset and length of its direct character data (not NUL-terminated).
    uint32_t text;
    uint32_t text_length;
} bond_xml_element;

/// One attribute: offsets of its NUL-terminated local name and value.
typedef struct {
    uint32_t name;
    uint32_t value;
} bond_xml_attribute;

typedef struct {
    bond_xml_element *elements;
    size_t element_count;
    bond_xml_attribute *attributes;
    size_t attribute_count;
    char *arena;
    size_t arena_size;
} bond_xml_tree;

/// Loads libxml2.so.2 once. Returns 0, or -1 with a message in `error`.
int bond_xml_load(char *error, size_t size);

/// Parses `size` bytes as an XML document into a tree (element 0 is the root). On failure
/// returns NULL, with libxml2's message in `error` and its line in `line`.
bond_xml_tree *bond_xml_parse(const char *bytes, int size, char *error, size_t error_size, int *line);

void bond_xml_tree_free(bond_xml_tree *tree);

#endif
