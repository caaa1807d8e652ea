// bond's door to libmodbus (Debian libmodbus5), loaded with dlopen the first time a command
// reads a Modbus device, never linked. One connection per context: Modbus TCP or RTU over a
// serial line, one unit id, reads of holding registers (function 0x03).
#ifndef BOND_CMODBUS_SHIM_H
#define BOND_CMODBUS_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// Loads libmodbus.so.5 once. Returns 0, or -1 with a message in `error`.
int bond_modbus_load(char *error, size_t size);

/// A Modbus TCP context connected to `host` (a name, resolved here, or an address) and
/// `port`, each of the name's addresses tried in turn, with the unit id and timeouts of
/// `bond_modbus_configure`; NULL with the last errno value in `*code`, or with `*code` 0 and
/// getaddrinfo's message in `error` when the name does not resolve.
void *bond_modbus_connect_tcp(const char *host, int port, int unit_id, uint32_t timeout_microseconds,
                              uint32_t byte_timeout_microseconds, int *code, char *error, size_t size);

/// A Modbus RTU context for the serial device `path`: `baud`, parity 'N', 'E' or 'O', data
/// bits, stop bits; or NULL with errno set.
void *bond_modbus_new_rtu(const char *path, int baud, char parity, int data_bits, int stop_bits);

/// Sets the unit id, the time allowed for each answer and between two of its bytes, in
/// microseconds. Returns 0, or an errno value.
int bond_modbus_configure(void *context, int unit_id, uint32_t timeout_microseconds, uint32_t byte_timeout_microseconds);

/// Connects. Returns 0, or an errno value.
int bond_modbus_connect(void *context);

/// A TCP answer that came from another unit than the one asked (`*answered_unit` says which).
#define BOND_MODBUS_OTHER_UNIT (-2)
/// The answer's deadline could not be armed (no timer): nothing was asked.
#define BOND_MODBUS_NO_DEADLINE (-3)
/// An exception answer with a code outside 1 to 11 is BOND_MODBUS_ODD_EXCEPTION - code.
#define BOND_MODBUS_ODD_EXCEPTION (-1000)

/// Reads `count` (1 to 125) holding registers from `address` into `registers`, the whole
/// answer within `deadline_microseconds` of the request: at the deadline a timer's thread
/// ends the wait (a TCP socket is shut down; a serial line's descriptor is replaced by one at
/// end of file, so that libmodbus's next wait for a byte ends it). The connection is then
/// unusable: close it. Over TCP bond builds the request and checks the
/// answer itself: its transaction id, protocol, unit id (the MBAP header: Modbus Messaging
/// Implementation Guide V1.0b, 3.1.3), function and byte count. Returns 0, or an errno value:
/// libmodbus's own codes are `bond_modbus_error_base()` plus the Modbus exception code (1 to
/// 11) or its framing errors (12 and up); BOND_MODBUS_OTHER_UNIT.
int bond_modbus_read(void *context, int tcp, int unit_id, int address, int count, uint16_t *registers, uint32_t deadline_microseconds,
                     int *answered_unit);

/// libmodbus's description of an errno value.
const char *bond_modbus_strerror(int code);

/// libmodbus's base of its own errno values (MODBUS_ENOBASE).
int bond_modbus_error_base(void);

/// Discards what the peer sent that was not read (a late answer).
void bond_modbus_flush(void *context);

/// Closes the connection and frees the context.
void bond_modbus_free(void *context);

#endif
