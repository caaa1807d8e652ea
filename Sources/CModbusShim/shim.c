// See include/cmodbus_shim.h.
#include "cmodbus_shim.h"

#include <errno.h>
#include <library_loader.h>
#include <modbus/modbus.h>
#include <pthread.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>

static struct {
    modbus_t *(*new_tcp)(const char *, int);
    modbus_t *(*new_tcp_pi)(const char *, const char *);
    modbus_t *(*new_rtu)(const char *, int, char, int, int);
    int (*set_slave)(modbus_t *, int);
    int (*set_response_timeout)(modbus_t *, uint32_t, uint32_t);
    int (*set_byte_timeout)(modbus_t *, uint32_t, uint32_t);
    int (*connect)(modbus_t *);
    int (*read_registers)(modbus_t *, int, int, uint16_t *);
    int (*flush)(modbus_t *);
    void (*close)(modbus_t *);
    void (*free)(modbus_t *);
    const char *(*strerror)(int);
} mb;

static const char *const names[] = {
    "modbus_new_tcp", "modbus_new_tcp_pi", "modbus_new_rtu", "modbus_set_slave", "modbus_set_response_timeout", "modbus_set_byte_timeout",
    "modbus_connect", "modbus_read_registers", "modbus_flush", "modbus_close", "modbus_free", "modbus_strerror",
};
static void **const slots[] = {
    (void **)&mb.new_tcp, (void **)&mb.new_tcp_pi, (void **)&mb.new_rtu, (void **)&mb.set_slave, (void **)&mb.set_response_timeout,
    (void **)&mb.set_byte_timeout, (void **)&mb.connect, (void **)&mb.read_registers, (void **)&mb.flush,
    (void **)&mb.close, (void **)&mb.free, (void **)&mb.strerror,
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[512];
static int loaded = -1;

static void load(void) {
    if (bond_library_open("libmodbus.so.5", "libmodbus5", "Modbus devices (SunSpec)", 1, names, slots, sizeof names / sizeof names[0],
                          load_error, sizeof load_error) == NULL) return;
    loaded = 0;
}

int bond_modbus_load(char *error, size_t size) {
    pthread_once(&once, load);
    if (loaded != 0 && error != NULL && size > 0) snprintf(error, size, "%s", load_error);
    return loaded;
}

void *bond_modbus_new_tcp(const char *host, const char *port) {
    // An IPv4 address needs no resolver (getaddrinfo asks the kernel for the interfaces' addresses).
    struct in_addr address;
    if (inet_pton(AF_INET, host, &address) == 1) return mb.new_tcp(host, atoi(port));
    return mb.new_tcp_pi(host, port);
}

void *bond_modbus_new_rtu(const char *path, int baud, char parity, int data_bits, int stop_bits) {
    return mb.new_rtu(path, baud, parity, data_bits, stop_bits);
}

int bond_modbus_configure(void *context, int unit_id, uint32_t timeout_microseconds) {
    if (mb.set_slave(context, unit_id) != 0) return errno;
    uint32_t seconds = timeout_microseconds / 1000000, microseconds = timeout_microseconds % 1000000;
    if (mb.set_response_timeout(context, seconds, microseconds) != 0) return errno;
    if (mb.set_byte_timeout(context, seconds, microseconds) != 0) return errno;
    return 0;
}

int bond_modbus_connect(void *context) { return mb.connect(context) == 0 ? 0 : (errno ? errno : EIO); }

int bond_modbus_read(void *context, int address, int count, uint16_t *registers) {
    errno = 0;
    int read = mb.read_registers(context, address, count, registers);
    if (read == count) return 0;
    return read < 0 ? (errno ? errno : EIO) : EMBMDATA;
}

const char *bond_modbus_strerror(int code) { return mb.strerror(code); }

int bond_modbus_error_base(void) { return MODBUS_ENOBASE; }

void bond_modbus_flush(void *context) { mb.flush(context); }

void bond_modbus_free(void *context) {
    mb.close(context);
    mb.free(context);
}
