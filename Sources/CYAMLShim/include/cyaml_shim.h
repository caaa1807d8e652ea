// bond's door to libyaml (Debian libyaml-0-2), loaded with dlopen when a YAML config file is
// read, never linked. A document is read into a flat list of events that Swift turns into a
// tree; anchors, aliases and tags are reported, not followed.
#ifndef BOND_CYAML_SHIM_H
#define BOND_CYAML_SHIM_H

#include <stddef.h>

enum {
    BOND_YAML_SCALAR = 1,
    BOND_YAML_SEQUENCE_START = 2,
    BOND_YAML_SEQUENCE_END = 3,
    BOND_YAML_MAPPING_START = 4,
    BOND_YAML_MAPPING_END = 5,
    BOND_YAML_ALIAS = 6,
    BOND_YAML_DOCUMENT_START = 7,
};

typedef struct {
    int kind;
    /// A scalar's text (NUL-terminated, may hold NULs before `length`), else NULL.
    char *value;
    size_t length;
    /// Whether a scalar was written plain (unquoted): only plain scalars are numbers,
    /// booleans or null.
    int plain;
    /// Whether the node carried an anchor or a tag.
    int decorated;
    /// 1-based line where the event starts.
    int line;
} bond_yaml_event;

typedef struct {
    bond_yaml_event *events;
    size_t count;
} bond_yaml_events;

/// Loads libyaml-0.so.2 once. Returns 0, or -1 with a message in `error`.
int bond_yaml_load(char *error, size_t size);

/// Parses `size` bytes. Returns the events, or NULL with libyaml's problem in `error` and its
/// line in `line`.
bond_yaml_events *bond_yaml_parse(const char *bytes, size_t size, char *error, size_t error_size, int *line);

void bond_yaml_free(bond_yaml_events *events);

#endif
