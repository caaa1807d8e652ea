#!/usr/bin/env python3
"""The Modbus peer of bond's SunSpec tests: pymodbus serving SunSpec register images over
Modbus TCP on 127.0.0.1 and, with --rtu PATH, over Modbus RTU on one end of a pseudo-terminal
pair (scripts/services makes it with socat; bond opens the other end).

The images are laid out from the SunSpec Alliance's model definitions as pysunspec2 ships them
(sunspec2/models/json): each model's ID and L, every point at its offset, points bond does not
read set to their type's not-implemented value. One image per unit id:

  unit  base   models          what it holds
  1     40000  1, 203          TotWhImp 12345678, TotWhExp 3456789, TotWh_SF -2
  2     40000  1, 101          WH 987654321, WH_SF 1
  3     50000  1, 103          WH 4000000, WH_SF 0
  4     0      1, 111          WH 12345.67 (float32)
  5     40000  1, 113          WH 2.5e7 (float32)
  6     50000  1, 201          TotWhImp 100, TotWhExp 77, TotWh_SF 3
  7     0      1, 211          TotWhImp 1234567.9, TotWhExp 0.5 (float32)
  8     40000  1, 213          TotWhImp 98765.4321, TotWhExp 0.001 (float32)
  9     40000  1, 701          TotWhAbs 123456789012345, TotWhInj 42, TotWh_SF -3 (701 is longer than one read)
  10    40000  1, 103, 203     an inverter and a meter: WH 5000; TotWhImp 222, TotWhExp 111; SFs 0
  11-13 40000  1, 203          every read answers exception 0x0B, 0x04, 0x0A
  14    40000  1, 11, 203      the scale factor changes at every read: (TotWhImp 1234567, SF -1) and
                               (12345670, -2) in turn, the same energy; 203's energy points and SF
                               straddle register 40125, where reads of 125 from 40000 would split them
  15    40000  1, 203          TotWhImp not implemented (acc32 0)
  16    40000  1, 203          TotWh_SF not implemented (0x8000)
  17    40000  1, 213          TotWhImp NaN
  18    40000  1, 701          TotWhAbs not implemented (all ones)
  19    40000  1, 203          the chain stops after 203: no end marker
  20    40000  1, 120          no energy model (120 is the nameplate)
  21    40000  1, then 203 with L 65000: the chain overruns the address space
  22    40000  (zeros)         no SunS marker anywhere
  23    40000  1, 203, SunS    the marker again where the end marker belongs
  24    40000  1, 203          as unit 1, and the end marker's L register missing
  25    40000  1, 203          as unit 1, but over TCP its answers say they are unit 26's
  26    65358  1, 203          as unit 1, its end marker's ID the last register, 65535
  27    40000  64100, 213      a vendor model (L 52), then 213 whose float32 TotWhImp (40124-40125)
                               is 1000 and 2e6 in turn at every read: reads of 125 from 40000 split it
Any other unit id gets no answer (as a gateway with no such device: the client times out).

A second TCP port (`drip`) answers every request with the right frame, one byte every 100 ms,
as a gateway that trickles would; with --rtu-drip PATH, a second pseudo-terminal does the same
over Modbus RTU, one byte every 30 ms.

  python3 scripts/servers/modbus_server.py --ready-file F [--rtu PATH] [--rtu-drip PATH]

writes F as {"tcp": "127.0.0.1:PORT", "drip": "127.0.0.1:PORT", "rtu": PATH} once it serves.
"""
import argparse
import asyncio
import json
import math
import os
import struct
import threading
import time

import sunspec2
from pymodbus.constants import ExcCodes
from pymodbus.datastore import ModbusServerContext
from pymodbus.exceptions import NoSuchIdException
from pymodbus.framer import FramerType
from pymodbus.server import ModbusSerialServer, ModbusTcpServer

MODELS = os.path.join(os.path.dirname(sunspec2.__file__), "models", "json")
NOT_IMPLEMENTED = {
    "uint16": 0xFFFF, "enum16": 0xFFFF, "bitfield16": 0xFFFF, "int16": 0x8000, "sunssf": 0x8000, "count": 0,
    "acc16": 0, "acc32": 0, "acc64": 0, "uint32": 0xFFFFFFFF, "enum32": 0xFFFFFFFF, "bitfield32": 0xFFFFFFFF,
    "int32": 0x80000000, "uint64": 0xFFFFFFFFFFFFFFFF, "int64": 0x8000000000000000, "ipaddr": 0, "pad": 0x8000,
}


def definition(model):
    with open(os.path.join(MODELS, f"model_{model}.json")) as f:
        return json.load(f)["group"]


def encode(kind, size, value):
    """The registers of one point."""
    if kind == "string":
        raw = (value or "").encode()[: size * 2].ljust(size * 2, b"\0")
    elif kind == "float32":
        raw = struct.pack(">f", math.nan if value is None else value)
    elif kind in ("ipv6addr", "eui48"):
        raw = b"\0" * size * 2
    else:
        if value is None:
            value = NOT_IMPLEMENTED.get(kind, 0)
        raw = (value & ((1 << (16 * size)) - 1)).to_bytes(size * 2, "big")
    return [int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw), 2)]


def model(model_id, values=None, length=None):
    """A model's registers: every point of its definition, `values` by point name."""
    values = values or {}
    words = []
    for point in definition(model_id)["points"]:
        name = point["name"]
        if name == "ID":
            words += [model_id]
        elif name == "L":
            words += [0]
        else:
            words += encode(point["type"], point["size"], values.get(name))
    words[1] = len(words) - 2 if length is None else length
    return words


COMMON = {"Mn": "Fronius", "Md": "Symo 10.0-3-M", "Vr": "3.14.1-2", "SN": "34118221"}
MARKER = [0x5375, 0x6E53]
END = [0xFFFF, 0]


def image(base, *models, end=END):
    return base, MARKER + [word for block in models for word in block] + end


def meter(model_id, imp, exp, sf=None):
    values = {"TotWhImp": imp, "TotWhExp": exp}
    if sf is not None:
        values["TotWh_SF"] = sf
    return model(model_id, values)


def images():
    common = model(1, COMMON)
    return {
        1: image(40000, common, meter(203, 12345678, 3456789, -2)),
        2: image(40000, common, model(101, {"WH": 987654321, "WH_SF": 1})),
        3: image(50000, common, model(103, {"WH": 4000000, "WH_SF": 0})),
        4: image(0, common, model(111, {"WH": 12345.67})),
        5: image(40000, common, model(113, {"WH": 2.5e7})),
        6: image(50000, common, meter(201, 100, 77, 3)),
        7: image(0, common, meter(211, 1234567.9, 0.5)),
        8: image(40000, common, meter(213, 98765.4321, 0.001)),
        9: image(40000, common, model(701, {"TotWhAbs": 123456789012345, "TotWhInj": 42, "TotWh_SF": -3})),
        10: image(40000, common, model(103, {"WH": 5000, "WH_SF": 0}), meter(203, 222, 111, 0)),
        11: image(40000, common, meter(203, 1, 1, 0)),
        12: image(40000, common, meter(203, 1, 1, 0)),
        13: image(40000, common, meter(203, 1, 1, 0)),
        14: image(40000, common, model(11), meter(203, 1234567, 1, -1)),
        15: image(40000, common, meter(203, None, 5, 0)),
        16: image(40000, common, meter(203, 5, 5, None)),
        17: image(40000, common, meter(213, None, 5.0)),
        18: image(40000, common, model(701, {"TotWhAbs": None, "TotWhInj": 1, "TotWh_SF": 0})),
        19: image(40000, common, meter(203, 5, 5, 0), end=[]),
        20: image(40000, common, model(120)),
        21: image(40000, common, [203, 65000] + meter(203, 5, 5, 0)[2:]),
        22: (40000, [0] * 200),
        23: image(40000, common, meter(203, 5, 5, 0), end=MARKER),
        24: image(40000, common, meter(203, 12345678, 3456789, -2), end=[0xFFFF]),
        25: image(40000, common, meter(203, 12345678, 3456789, -2)),
        26: image(65358, common, meter(203, 12345678, 3456789, -2), end=[0xFFFF]),
        27: image(40000, [64100, 52] + [0] * 52, meter(213, 1000.0, 1.0)),
    }


def other_unit(sending, pdu):
    """Unit 25's answers say they are unit 26's (a gateway mixing up its devices)."""
    if sending and pdu.dev_id == 25:
        pdu.dev_id = 26
    return pdu


async def drip(reader, writer):
    """Answers each read of holding registers with zeros, one byte every 100 ms."""
    try:
        while True:
            request = await reader.readexactly(12)
            count = int.from_bytes(request[10:12], "big")
            answer = request[:4] + (3 + 2 * count).to_bytes(2, "big") + request[6:8] + bytes([2 * count]) + b"\0" * (2 * count)
            for byte in answer:
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(0.1)
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


EXCEPTIONS = {11: ExcCodes.GATEWAY_NO_RESPONSE, 12: ExcCodes.DEVICE_FAILURE, 13: ExcCodes.GATEWAY_PATH_UNAVIABLE}


class Images(ModbusServerContext):
    """The server's data: one register image per unit id, with the faults above."""

    def __init__(self):  # pylint: disable=super-init-not-called
        self.old_simulator = True
        self.simdevices = []
        self.images = images()
        self.polls = 0
        # Unit 14: where its 203's TotWhImp and TotWh_SF are.
        base, words = self.images[14]
        start = 2 + len(model(1)) + len(model(11))
        self.changing = (start + 46, start + 54)

    def device_ids(self):
        return list(self.images)

    async def async_getValues(self, device_id, func_code, address, count=1):
        if device_id not in self.images:
            raise NoSuchIdException(f"no unit {device_id}")
        if func_code != 3:
            return ExcCodes.ILLEGAL_FUNCTION
        if device_id in EXCEPTIONS:
            return EXCEPTIONS[device_id]
        base, words = self.images[device_id]
        if device_id == 14:
            self.polls += 1
            value, factor = (1234567, -1) if self.polls % 2 else (12345670, -2)
            words[self.changing[0]:self.changing[0] + 2] = encode("acc32", 2, value)
            words[self.changing[1]] = encode("sunssf", 1, factor)[0]
        if device_id == 27:
            self.polls += 1
            at = 2 + 54 + 68
            words[at:at + 2] = encode("float32", 2, 1000.0 if self.polls % 2 else 2.0e6)
        start = address - base
        if start < 0 or start + count > len(words):
            return ExcCodes.ILLEGAL_ADDRESS
        return list(words[start:start + count])

    async def async_setValues(self, device_id, func_code, address, values):
        return ExcCodes.ILLEGAL_FUNCTION


def crc16(frame):
    """The Modbus RTU CRC (Modbus over Serial Line, 6.2.2): polynomial 0xA001, low byte first."""
    crc = 0xFFFF
    for byte in frame:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return bytes([crc & 0xFF, crc >> 8])


def rtu_drip(path):
    """Answers each RTU read of holding registers with zeros, one byte every 30 ms (a thread)."""
    import serial
    line = serial.Serial(path, 9600, timeout=None)
    while True:
        request = line.read(8)
        count = int.from_bytes(request[4:6], "big")
        answer = bytes([request[0], 3, 2 * count]) + b"\0" * (2 * count)
        for byte in answer + crc16(answer):
            line.write(bytes([byte]))
            time.sleep(0.03)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ready-file", required=True)
    parser.add_argument("--rtu", help="the pseudo-terminal end to serve Modbus RTU on")
    parser.add_argument("--rtu-drip", help="the pseudo-terminal end to serve a trickling Modbus RTU device on")
    options = parser.parse_args()
    context = Images()
    tcp = ModbusTcpServer(context, address=("127.0.0.1", 0), ignore_missing_devices=True, trace_pdu=other_unit)
    await tcp.serve_forever(background=True)
    port = tcp.transport.sockets[0].getsockname()[1]
    dripping = await asyncio.start_server(drip, "127.0.0.1", 0)
    drip_port = dripping.sockets[0].getsockname()[1]
    if options.rtu:
        rtu = ModbusSerialServer(context, framer=FramerType.RTU, port=options.rtu, baudrate=9600, ignore_missing_devices=True)
        await rtu.serve_forever(background=True)
    if options.rtu_drip:
        threading.Thread(target=rtu_drip, args=(options.rtu_drip,), daemon=True).start()
    ready = options.ready_file + ".tmp"
    with open(ready, "w") as f:
        json.dump({"tcp": f"127.0.0.1:{port}", "drip": f"127.0.0.1:{drip_port}", "rtu": options.rtu}, f)
    os.replace(ready, options.ready_file)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
