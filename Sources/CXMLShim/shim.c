// See include/cxml_shim.h.
#include "cxml_shim.h"

#include <libxml/parser.h>
#include <library_loader.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
    void (*init_parser)(void);
    xmlParserCtxtPtr (*create_push)(xmlSAXHandlerPtr, void *, const char *, int, const char *);
    int (*use_options)(xmlParserCtxtPtr, int);
    int (*parse_chunk)(xmlParserCtxtPtr, const char *, int, int);
    void (*free_context)(xmlParserCtxtPtr);
    xmlErrorPtr (*context_error)(void *);
    int (*line_number)(void *);
    void (*stop_parser)(xmlParserCtxtPtr);
} xml;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[512];
static int loaded = -1;

static const char *const names[] = {
    "xmlInitParser", "xmlCreatePushParserCtxt", "xmlCtxtUseOptions", "xmlParseChunk",
    "xmlFreeParserCtxt", "xmlCtxtGetLastError", "xmlSAX2GetLineNumber", "xmlStopParser",
};
static void **const slots[] = {
    (void **)&xml.init_parser, (void **)&xml.create_push, (void **)&xml.use_options, (void **)&xml.parse_chunk,
    (void **)&xml.free_context, (void **)&xml.context_error, (void **)&xml.line_number, (void **)&xml.stop_parser,
};

static void load(void) {
    // Lazily bound: the few functions bond calls are resolved when first called, not all of
    // libxml2's (and ICU's) at load.
    if (bond_library_open("libxml2.so.2", "libxml2", "XML", 1, names, slots, sizeof names / sizeof names[0], load_error,
                          sizeof load_error) == NULL) return;
    xml.init_parser();
    loaded = 0;
}

int bond_xml_load(char *error, size_t size) {
    pthread_once(&once, load);
    if (loaded != 0 && error != NULL && size > 0) snprintf(error, size, "%s", load_error);
    return loaded;
}

// The tree being built, with the parse state: the open elements and, for each, its last child.
typedef struct {
    bond_xml_tree tree;
    size_t element_capacity, attribute_capacity, arena_capacity;
    int32_t *open;
    int32_t *last_child;
    size_t depth, open_capacity, last_child_capacity;
    int out_of_memory;
    xmlParserCtxtPtr context;
    // The first error libxml2 reported: later ones often follow from it and mislead.
    char first_error[512];
    int first_error_line;
    int first_error_code;
} builder;

static __thread builder *current;

static void free_arrays(bond_xml_tree *tree) {
    free(tree->elements);
    free(tree->attributes);
    free(tree->arena);
}

static int grow(void **buffer, size_t *capacity, size_t needed, size_t size) {
    if (needed <= *capacity) return 1;
    size_t next = *capacity ? *capacity : 64;
    while (next < needed) next *= 2;
    void *grown = realloc(*buffer, next * size);
    if (grown == NULL) return 0;
    *buffer = grown;
    *capacity = next;
    return 1;
}

static void fail(builder *b) {
    b->out_of_memory = 1;
    xml.stop_parser(b->context);
}

// Appends `length` bytes and a NUL to the arena; returns their offset, or UINT32_MAX.
static uint32_t keep(builder *b, const char *text, size_t length) {
    size_t offset = b->tree.arena_size;
    if (offset + length + 1 > UINT32_MAX ||
        !grow((void **)&b->tree.arena, &b->arena_capacity, offset + length + 1, 1)) {
        fail(b);
        return UINT32_MAX;
    }
    memcpy(b->tree.arena + offset, text, length);
    b->tree.arena[offset + length] = 0;
    b->tree.arena_size = offset + length + 1;
    return (uint32_t)offset;
}

static void start_element(void *context, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int namespace_count,
                          const xmlChar **namespaces, int attribute_count, int defaulted, const xmlChar **attributes) {
    (void)prefix, (void)uri, (void)namespace_count, (void)namespaces, (void)defaulted;
    builder *b = current;
    if (b->out_of_memory) return;
    size_t index = b->tree.element_count;
    if (index >= INT32_MAX ||
        !grow((void **)&b->tree.elements, &b->element_capacity, index + 1, sizeof(bond_xml_element)) ||
        !grow((void **)&b->tree.attributes, &b->attribute_capacity, b->tree.attribute_count + (size_t)attribute_count, sizeof(bond_xml_attribute)) ||
        !grow((void **)&b->open, &b->open_capacity, b->depth + 1, sizeof(int32_t)) ||
        !grow((void **)&b->last_child, &b->last_child_capacity, b->depth + 1, sizeof(int32_t))) {
        fail(b);
        return;
    }
    bond_xml_element *element = &b->tree.elements[index];
    element->parent = b->depth ? b->open[b->depth - 1] : -1;
    element->first_child = -1;
    element->next_sibling = -1;
    element->line = xml.line_number(context);
    element->name = keep(b, (const char *)name, strlen((const char *)name));
    element->first_attribute = (uint32_t)b->tree.attribute_count;
    element->attribute_count = (uint32_t)attribute_count;
    element->text = 0;
    element->text_length = 0;
    // Each attribute comes as localname, prefix, URI, value start, value end.
    for (int i = 0; i < attribute_count; i++) {
        const xmlChar **attribute = attributes + 5 * i;
        bond_xml_attribute *kept = &b->tree.attributes[b->tree.attribute_count++];
        kept->name = keep(b, (const char *)attribute[0], strlen((const char *)attribute[0]));
        kept->value = keep(b, (const char *)attribute[3], (size_t)(attribute[4] - attribute[3]));
    }
    if (b->depth) {
        int32_t parent = b->open[b->depth - 1];
        int32_t previous = b->last_child[b->depth - 1];
        if (previous < 0) b->tree.elements[parent].first_child = (int32_t)index;
        else b->tree.elements[previous].next_sibling = (int32_t)index;
        b->last_child[b->depth - 1] = (int32_t)index;
    }
    b->open[b->depth] = (int32_t)index;
    b->last_child[b->depth] = -1;
    b->depth++;
    b->tree.element_count++;
}

static void end_element(void *context, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri) {
    (void)context, (void)name, (void)prefix, (void)uri;
    if (current->depth) current->depth--;
}

static void characters(void *context, const xmlChar *text, int length) {
    (void)context;
    builder *b = current;
    if (b->out_of_memory || b->depth == 0 || length <= 0) return;
    bond_xml_element *element = &b->tree.elements[b->open[b->depth - 1]];
    if (element->text_length == 0) {
        element->text = keep(b, (const char *)text, (size_t)length);
        element->text_length = (uint32_t)length;
        return;
    }
    // More text for the same element: it must stay contiguous, so move it to the end first
    // unless it is there already (room first: growing may move the arena).
    size_t end = (size_t)element->text + element->text_length + 1;
    if (end != b->tree.arena_size) {
        size_t needed = b->tree.arena_size + element->text_length + (size_t)length + 2;
        if (needed > UINT32_MAX || !grow((void **)&b->tree.arena, &b->arena_capacity, needed, 1)) {
            fail(b);
            return;
        }
        uint32_t moved = (uint32_t)b->tree.arena_size;
        memcpy(b->tree.arena + moved, b->tree.arena + element->text, element->text_length);
        b->tree.arena[moved + element->text_length] = 0;
        b->tree.arena_size += element->text_length + 1;
        element->text = moved;
    }
    b->tree.arena_size--;  // drop the NUL, append, terminate again
    if (keep(b, (const char *)text, (size_t)length) == UINT32_MAX) return;
    element->text_length += (uint32_t)length;
    b->tree.arena_size = (size_t)element->text + element->text_length + 1;
}

static void structured_error(void *context, xmlErrorPtr error) {
    (void)context;
    builder *b = current;
    if (b == NULL || b->first_error[0] != 0 || error == NULL || error->level < XML_ERR_ERROR || error->message == NULL) return;
    snprintf(b->first_error, sizeof b->first_error, "%s", error->message);
    b->first_error_line = error->line;
    b->first_error_code = error->code;
}

bond_xml_tree *bond_xml_parse(const char *bytes, int size, char *error, size_t error_size, int *line) {
    builder *b = calloc(1, sizeof *b);
    if (b == NULL) {
        snprintf(error, error_size, "out of memory");
        *line = 1;
        return NULL;
    }
    xmlSAXHandler handler;
    memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = start_element;
    handler.endElementNs = end_element;
    handler.characters = characters;
    handler.cdataBlock = characters;
    handler.serror = structured_error;
    // Only what the handler names is called: no DTD callbacks, so no entity is ever declared,
    // expanded or loaded.
    xmlParserCtxtPtr context = xml.create_push(&handler, NULL, NULL, 0, NULL);
    if (context == NULL) {
        free(b);
        snprintf(error, error_size, "out of memory");
        *line = 1;
        return NULL;
    }
    b->context = context;
    xml.use_options(context, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    builder *outer = current;
    current = b;
    int status = xml.parse_chunk(context, bytes, size, 1);
    current = outer;
    int ok = status == 0 && !b->out_of_memory && b->tree.element_count > 0;
    if (!ok) {
        xmlErrorPtr last = xml.context_error(context);
        if (b->out_of_memory) {
            snprintf(error, error_size, "out of memory");
            *line = 1;
        } else if (b->depth > 0 && b->first_error_code == XML_ERR_DOCUMENT_END) {
            // The push parser calls a document cut short "extra content at the end"; say
            // what is really wrong.
            const bond_xml_element *open = &b->tree.elements[b->open[b->depth - 1]];
            snprintf(error, error_size, "the document ends before <%s> of line %d is closed", b->tree.arena + open->name, open->line);
            *line = b->first_error_line;
        } else if (b->tree.element_count == 0 && b->first_error_code == XML_ERR_DOCUMENT_END) {
            snprintf(error, error_size, "the document has no root element");
            *line = b->first_error_line;
        } else if (b->first_error_code == XML_ERR_DOCUMENT_EMPTY) {
            snprintf(error, error_size, "not an XML document: no element where it starts");
            *line = b->first_error_line;
        } else if (b->first_error[0] != 0 || (last != NULL && last->message != NULL)) {
            snprintf(error, error_size, "%s", b->first_error[0] != 0 ? b->first_error : last->message);
            size_t length = strlen(error);
            while (length > 0 && (error[length - 1] == '\n' || error[length - 1] == ' ')) error[--length] = 0;
            *line = b->first_error[0] != 0 ? b->first_error_line : last->line;
        } else {
            snprintf(error, error_size, "not an XML document");
            *line = 1;
        }
    }
    xml.free_context(context);
    free(b->open);
    free(b->last_child);
    if (!ok) {
        free_arrays(&b->tree);
        free(b);
        return NULL;
    }
    // The builder starts with its tree, so the tree is handed out as is.
    return &b->tree;
}

void bond_xml_tree_free(bond_xml_tree *tree) {
    if (tree == NULL) return;
    free_arrays(tree);
    free((builder *)tree);
}
