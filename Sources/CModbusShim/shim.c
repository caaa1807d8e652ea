// See include/cmodbus_shim.h.
#include "cmodbus_shim.h"

#include <arpa/inet.h>
#include <errno.h>
#include <library_loader.h>
#include <modbus/modbus.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static struct {
    modbus_t *(*new_tcp_pi)(const char *, const char *);
    modbus_t *(*new_rtu)(const char *, int, char, int, int);
    int (*set_slave)(modbus_t *, int);
    int (*set_response_timeout)(modbus_t *, uint32_t, uint32_t);
    int (*set_byte_timeout)(modbus_t *, uint32_t, uint32_t);
    int (*connect)(modbus_t *);
    int (*read_registers)(modbus_t *, int, int, uint16_t *);
    int (*get_socket)(modbus_t *);
    int (*receive_confirmation)(modbus_t *, uint8_t *);
    int (*flush)(modbus_t *);
    void (*close)(modbus_t *);
    void (*free)(modbus_t *);
    const char *(*strerror)(int);
} mb;

static const char *const names[] = {
    "modbus_new_tcp_pi", "modbus_new_rtu", "modbus_set_slave", "modbus_set_response_timeout", "modbus_set_byte_timeout",
    "modbus_connect", "modbus_read_registers", "modbus_get_socket", "modbus_receive_confirmation", "modbus_flush",
    "modbus_close", "modbus_free", "modbus_strerror",
};
static void **const slots[] = {
    (void **)&mb.new_tcp_pi, (void **)&mb.new_rtu, (void **)&mb.set_slave, (void **)&mb.set_response_timeout,
    (void **)&mb.set_byte_timeout, (void **)&mb.connect, (void **)&mb.read_registers, (void **)&mb.get_socket,
    (void **)&mb.receive_confirmation, (void **)&mb.flush, (void **)&mb.close, (void **)&mb.free, (void **)&mb.strerror,
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

void *bond_modbus_new_tcp(const char *host, int port, char *error, size_t size) {
    // Resolved here, so that a name that does not resolve is told apart from a refused
    // connection (libmodbus reports both as ECONNREFUSED); libmodbus gets the address.
    struct addrinfo hints = {0}, *found = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    char service[16];
    snprintf(service, sizeof service, "%d", port);
    int code = getaddrinfo(host, service, &hints, &found);
    if (code != 0) {
        snprintf(error, size, "%s", code == EAI_SYSTEM ? strerror(errno) : gai_strerror(code));
        errno = 0;
        return NULL;
    }
    char address[INET6_ADDRSTRLEN] = "";
    const void *raw = found->ai_family == AF_INET6 ? (const void *)&((struct sockaddr_in6 *)found->ai_addr)->sin6_addr
                                                    : (const void *)&((struct sockaddr_in *)found->ai_addr)->sin_addr;
    inet_ntop(found->ai_family, raw, address, sizeof address);
    freeaddrinfo(found);
    return mb.new_tcp_pi(address, service);
}

void *bond_modbus_new_rtu(const char *path, int baud, char parity, int data_bits, int stop_bits) {
    return mb.new_rtu(path, baud, parity, data_bits, stop_bits);
}

int bond_modbus_configure(void *context, int unit_id, uint32_t timeout_microseconds, uint32_t byte_timeout_microseconds) {
    if (mb.set_slave(context, unit_id) != 0) return errno;
    if (mb.set_response_timeout(context, timeout_microseconds / 1000000, timeout_microseconds % 1000000) != 0) return errno;
    if (mb.set_byte_timeout(context, byte_timeout_microseconds / 1000000, byte_timeout_microseconds % 1000000) != 0) return errno;
    return 0;
}

int bond_modbus_connect(void *context) { return mb.connect(context) == 0 ? 0 : (errno ? errno : EIO); }

// The deadline of one TCP answer: a timer whose thread shuts the socket down, which ends
// libmodbus's wait for the rest of an answer that trickles in. Its state is static, so that a
// notification already on its way when the answer came in finds a later generation and
// does nothing.
static pthread_mutex_t deadline_lock = PTHREAD_MUTEX_INITIALIZER;
static int deadline_socket = -1;
static int deadline_generation;
static int deadline_expired;

static void expire(union sigval value) {
    pthread_mutex_lock(&deadline_lock);
    if (value.sival_int == deadline_generation) {
        deadline_expired = 1;
        shutdown(deadline_socket, SHUT_RDWR);
    }
    pthread_mutex_unlock(&deadline_lock);
}

static int read_tcp(modbus_t *context, int unit_id, int address, int count, uint16_t *registers, int *answered_unit) {
    static uint16_t transaction;
    transaction++;
    uint8_t request[12] = {
        transaction >> 8, transaction & 0xFF, 0, 0, 0, 6, (uint8_t)unit_id, 0x03,
        (uint8_t)(address >> 8), (uint8_t)(address & 0xFF), (uint8_t)(count >> 8), (uint8_t)(count & 0xFF),
    };
    if (send(mb.get_socket(context), request, sizeof request, MSG_NOSIGNAL) != (ssize_t)sizeof request) return errno ? errno : EIO;
    uint8_t answer[MODBUS_TCP_MAX_ADU_LENGTH];
    int length = mb.receive_confirmation(context, answer);
    if (length < 0) return errno ? errno : EIO;
    if (length < 9 || answer[0] != request[0] || answer[1] != request[1] || answer[2] != 0 || answer[3] != 0) return EMBBADDATA;
    if (answer[6] != unit_id) {
        *answered_unit = answer[6];
        return BOND_MODBUS_OTHER_UNIT;
    }
    if (answer[7] == 0x83) return MODBUS_ENOBASE + answer[8];
    if (answer[7] != 0x03 || answer[8] != 2 * count || length != 9 + 2 * count) return EMBBADDATA;
    for (int i = 0; i < count; i++) registers[i] = (uint16_t)(answer[9 + 2 * i] << 8 | answer[10 + 2 * i]);
    return 0;
}

int bond_modbus_read(void *context, int tcp, int unit_id, int address, int count, uint16_t *registers, uint32_t deadline_microseconds,
                     int *answered_unit) {
    errno = 0;
    if (!tcp) {
        int read = mb.read_registers(context, address, count, registers);
        if (read == count) return 0;
        return read < 0 ? (errno ? errno : EIO) : EMBMDATA;
    }
    pthread_mutex_lock(&deadline_lock);
    int generation = ++deadline_generation;
    deadline_socket = mb.get_socket(context);
    deadline_expired = 0;
    pthread_mutex_unlock(&deadline_lock);
    struct sigevent event = {0};
    event.sigev_notify = SIGEV_THREAD;
    event.sigev_notify_function = expire;
    event.sigev_value.sival_int = generation;
    timer_t timer;
    int timed = timer_create(CLOCK_MONOTONIC, &event, &timer) == 0;
    if (timed) {
        struct itimerspec when = {{0, 0}, {deadline_microseconds / 1000000, (long)(deadline_microseconds % 1000000) * 1000}};
        timer_settime(timer, 0, &when, NULL);
    }
    int code = read_tcp(context, unit_id, address, count, registers, answered_unit);
    if (timed) timer_delete(timer);
    pthread_mutex_lock(&deadline_lock);
    deadline_generation++;
    int expired = deadline_expired;
    pthread_mutex_unlock(&deadline_lock);
    return expired ? ETIMEDOUT : code;
}

const char *bond_modbus_strerror(int code) { return mb.strerror(code); }

int bond_modbus_error_base(void) { return MODBUS_ENOBASE; }

void bond_modbus_flush(void *context) { mb.flush(context); }

void bond_modbus_free(void *context) {
    mb.close(context);
    mb.free(context);
}
