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
#include <unistd.h>

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

void *bond_modbus_connect_tcp(const char *host, int port, int unit_id, uint32_t timeout_microseconds,
                              uint32_t byte_timeout_microseconds, int *code, char *error, size_t size) {
    // Resolved here, so that a name that does not resolve is told apart from a refused
    // connection (libmodbus reports both as ECONNREFUSED), and each address is tried.
    struct addrinfo hints = {0}, *found = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    char service[16];
    snprintf(service, sizeof service, "%d", port);
    int resolved = getaddrinfo(host, service, &hints, &found);
    if (resolved != 0) {
        snprintf(error, size, "%s", resolved == EAI_SYSTEM ? strerror(errno) : gai_strerror(resolved));
        *code = 0;
        return NULL;
    }
    *code = ECONNREFUSED;
    for (struct addrinfo *entry = found; entry != NULL; entry = entry->ai_next) {
        char address[INET6_ADDRSTRLEN] = "";
        const void *raw = entry->ai_family == AF_INET6 ? (const void *)&((struct sockaddr_in6 *)entry->ai_addr)->sin6_addr
                                                        : (const void *)&((struct sockaddr_in *)entry->ai_addr)->sin_addr;
        if (inet_ntop(entry->ai_family, raw, address, sizeof address) == NULL) continue;
        modbus_t *context = mb.new_tcp_pi(address, service);
        if (context == NULL) {
            *code = errno ? errno : ENOMEM;
            continue;
        }
        int failed = bond_modbus_configure(context, unit_id, timeout_microseconds, byte_timeout_microseconds);
        if (failed == 0) failed = bond_modbus_connect(context);
        if (failed == 0) {
            freeaddrinfo(found);
            return context;
        }
        *code = failed;
        mb.free(context);
    }
    freeaddrinfo(found);
    return NULL;
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
static int deadline_descriptor = -1;
static int deadline_tcp;
static int deadline_generation;
static int deadline_expired;

static void expire(union sigval value) {
    pthread_mutex_lock(&deadline_lock);
    if (value.sival_int == deadline_generation) {
        deadline_expired = 1;
        if (deadline_tcp) {
            shutdown(deadline_descriptor, SHUT_RDWR);
        } else {
            // A serial line cannot be shut down: its descriptor becomes a pipe at end of file.
            int ends[2];
            if (pipe(ends) == 0) {
                close(ends[1]);
                dup2(ends[0], deadline_descriptor);
                close(ends[0]);
            }
        }
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
    if (answer[7] == 0x83) return answer[8] >= 1 && answer[8] <= 11 ? MODBUS_ENOBASE + answer[8] : BOND_MODBUS_ODD_EXCEPTION - answer[8];
    if (answer[7] != 0x03 || answer[8] != 2 * count || length != 9 + 2 * count) return EMBBADDATA;
    for (int i = 0; i < count; i++) registers[i] = (uint16_t)(answer[9 + 2 * i] << 8 | answer[10 + 2 * i]);
    return 0;
}

static int read_rtu(modbus_t *context, int address, int count, uint16_t *registers) {
    int read = mb.read_registers(context, address, count, registers);
    if (read == count) return 0;
    return read < 0 ? (errno ? errno : EIO) : EMBMDATA;
}

int bond_modbus_read(void *context, int tcp, int unit_id, int address, int count, uint16_t *registers, uint32_t deadline_microseconds,
                     int *answered_unit) {
    errno = 0;
    pthread_mutex_lock(&deadline_lock);
    int generation = ++deadline_generation;
    deadline_descriptor = mb.get_socket(context);
    deadline_tcp = tcp;
    deadline_expired = 0;
    pthread_mutex_unlock(&deadline_lock);
    struct sigevent event = {0};
    event.sigev_notify = SIGEV_THREAD;
    event.sigev_notify_function = expire;
    event.sigev_value.sival_int = generation;
    timer_t timer;
    if (timer_create(CLOCK_MONOTONIC, &event, &timer) != 0) return BOND_MODBUS_NO_DEADLINE;
    struct itimerspec when = {{0, 0}, {deadline_microseconds / 1000000, (long)(deadline_microseconds % 1000000) * 1000}};
    if (timer_settime(timer, 0, &when, NULL) != 0) {
        timer_delete(timer);
        return BOND_MODBUS_NO_DEADLINE;
    }
    int code = tcp ? read_tcp(context, unit_id, address, count, registers, answered_unit) : read_rtu(context, address, count, registers);
    timer_delete(timer);
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
