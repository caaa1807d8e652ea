#!/usr/bin/env python3
"""An independent reading of a SunSpec device for bond's tests: pysunspec2's own Modbus client
scans the device and prints, as one JSON object, the energy points of each model it found and
the common model's device fields:

  {"203": {"TotWhImp": {"value": 12345678, "sf": -2, "exact": "123456.78", "cvalue": 123456.78}, ...},
   "1": {"Mn": "Fronius", ...}}

`exact` is value x 10^sf in decimal arithmetic (for a float32 point, the float's exact value);
`cvalue` is pysunspec2's own scaled value; a float32 point also has `shortest`, the shortest
decimal that reads back as the same float32 (found here by trying 1 to 9 significant digits).

  python sunspec_reference.py --tcp HOST:PORT --unit N
  python sunspec_reference.py --rtu PATH --unit N
"""
import argparse
import json
import struct
from decimal import Decimal

import sunspec2.modbus.client as client

ENERGY = ("TotWhImp", "TotWhExp", "TotWhAbs", "TotWhInj", "WH")
COMMON = ("Mn", "Md", "SN", "Vr")


def shortest_float32(value):
    """The shortest decimal text (no exponent) that float32 rounds to `value`."""
    bits = struct.pack(">f", value)
    for digits in range(1, 10):
        text = f"{value:.{digits}g}"
        if struct.pack(">f", float(text)) == bits:
            return format(Decimal(text).normalize(), "f")
    raise ValueError(value)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tcp")
    parser.add_argument("--rtu")
    parser.add_argument("--unit", type=int, required=True)
    options = parser.parse_args()
    if options.tcp:
        host, port = options.tcp.rsplit(":", 1)
        device = client.SunSpecModbusClientDeviceTCP(slave_id=options.unit, ipaddr=host, ipport=int(port), timeout=2)
    else:
        device = client.SunSpecModbusClientDeviceRTU(slave_id=options.unit, name=options.rtu, baudrate=9600, timeout=2)
    device.scan()
    found = {}
    for model_id, models in device.models.items():
        if not isinstance(model_id, int):
            continue
        model = models[0]
        points = {}
        for name in ENERGY:
            point = model.points.get(name)
            if point is None or point.value is None:
                continue
            sf = model.points[point.sf].value if point.sf else None
            exact = Decimal(point.value).scaleb(sf) if sf is not None else Decimal(point.value)
            points[name] = {"value": point.value, "sf": sf, "exact": format(exact.normalize(), "f"), "cvalue": point.cvalue}
            if isinstance(point.value, float):
                points[name]["shortest"] = shortest_float32(point.value)
        for name in COMMON:
            point = model.points.get(name)
            if point is not None and point.value is not None:
                points[name] = point.value
        found[str(model_id)] = points
    device.close()
    print(json.dumps(found))


if __name__ == "__main__":
    main()
