// See include/cyaml_shim.h.
#include "cyaml_shim.h"

#include <library_loader.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static struct {
    int (*parser_initialize)(yaml_parser_t *);
    void (*parser_delete)(yaml_parser_t *);
    void (*set_input_string)(yaml_parser_t *, const unsigned char *, size_t);
    int (*parse)(yaml_parser_t *, yaml_event_t *);
    void (*event_delete)(yaml_event_t *);
} yaml;

static const char *const names[] = {
    "yaml_parser_initialize", "yaml_parser_delete", "yaml_parser_set_input_string", "yaml_parser_parse", "yaml_event_delete",
};
static void **const slots[] = {
    (void **)&yaml.parser_initialize, (void **)&yaml.parser_delete, (void **)&yaml.set_input_string, (void **)&yaml.parse,
    (void **)&yaml.event_delete,
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[512];
static int loaded = -1;

static void load(void) {
    if (bond_library_open("libyaml-0.so.2", "libyaml-0-2", "YAML config files", 1, names, slots, sizeof names / sizeof names[0],
                          load_error, sizeof load_error) == NULL) return;
    loaded = 0;
}

int bond_yaml_load(char *error, size_t size) {
    pthread_once(&once, load);
    if (loaded != 0 && error != NULL && size > 0) snprintf(error, size, "%s", load_error);
    return loaded;
}

static int add(bond_yaml_events *out, size_t *capacity, bond_yaml_event event) {
    if (out->count == *capacity) {
        size_t next = *capacity ? *capacity * 2 : 32;
        bond_yaml_event *grown = realloc(out->events, next * sizeof *grown);
        if (grown == NULL) return 0;
        out->events = grown;
        *capacity = next;
    }
    out->events[out->count++] = event;
    return 1;
}

bond_yaml_events *bond_yaml_parse(const char *bytes, size_t size, char *error, size_t error_size, int *line) {
    yaml_parser_t parser;
    if (!yaml.parser_initialize(&parser)) {
        snprintf(error, error_size, "out of memory");
        *line = 1;
        return NULL;
    }
    yaml.set_input_string(&parser, (const unsigned char *)bytes, size);
    bond_yaml_events *out = calloc(1, sizeof *out);
    size_t capacity = 0;
    int done = 0, failed = 0;
    while (!done && !failed) {
        yaml_event_t event;
        if (!yaml.parse(&parser, &event)) {
            snprintf(error, error_size, "%s%s%s", parser.problem ? parser.problem : "not YAML", parser.context ? " " : "",
                     parser.context ? parser.context : "");
            *line = (int)parser.problem_mark.line + 1;
            failed = 1;
            break;
        }
        bond_yaml_event item = {0, NULL, 0, 0, 0, (int)event.start_mark.line + 1};
        switch (event.type) {
        case YAML_SCALAR_EVENT:
            item.kind = BOND_YAML_SCALAR;
            item.length = event.data.scalar.length;
            item.value = malloc(item.length + 1);
            if (item.value) {
                memcpy(item.value, event.data.scalar.value, item.length);
                item.value[item.length] = 0;
            }
            item.plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
            item.decorated = event.data.scalar.anchor != NULL || (event.data.scalar.tag != NULL && !event.data.scalar.plain_implicit && !event.data.scalar.quoted_implicit);
            break;
        case YAML_SEQUENCE_START_EVENT:
            item.kind = BOND_YAML_SEQUENCE_START;
            item.decorated = event.data.sequence_start.anchor != NULL || (event.data.sequence_start.tag != NULL && !event.data.sequence_start.implicit);
            break;
        case YAML_SEQUENCE_END_EVENT: item.kind = BOND_YAML_SEQUENCE_END; break;
        case YAML_MAPPING_START_EVENT:
            item.kind = BOND_YAML_MAPPING_START;
            item.decorated = event.data.mapping_start.anchor != NULL || (event.data.mapping_start.tag != NULL && !event.data.mapping_start.implicit);
            break;
        case YAML_MAPPING_END_EVENT: item.kind = BOND_YAML_MAPPING_END; break;
        case YAML_ALIAS_EVENT: item.kind = BOND_YAML_ALIAS; break;
        case YAML_DOCUMENT_START_EVENT: item.kind = BOND_YAML_DOCUMENT_START; break;
        case YAML_STREAM_END_EVENT: done = 1; break;
        default: break;
        }
        yaml.event_delete(&event);
        if (item.kind != 0 && !add(out, &capacity, item)) {
            free(item.value);
            snprintf(error, error_size, "out of memory");
            *line = 1;
            failed = 1;
        }
    }
    yaml.parser_delete(&parser);
    if (failed) {
        bond_yaml_free(out);
        return NULL;
    }
    return out;
}

void bond_yaml_free(bond_yaml_events *events) {
    if (events == NULL) return;
    for (size_t i = 0; i < events->count; i++) free(events->events[i].value);
    free(events->events);
    free(events);
}
