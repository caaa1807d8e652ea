#!/usr/bin/env python3
"""bond's benchmarks (DESIGN.md, Performance): each row is bond against a reference run in
the same invocation, as a ratio, with the target the issue sets. Whole bond processes are
timed from fork to exit (os.wait4 gives each child's peak RSS); Python references are timed
in-process, without the interpreter's start-up, which favours the reference.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

import base58

MEASURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "measure")
BOND_BENCH = None


def median_process(argv, runs, stdin_path=None):
    """Runs argv `runs` times through bench/measure (fork and exec from a small C process, so
    that peak RSS is the command's own); returns (median wall seconds, peak RSS in KiB)."""
    result = subprocess.run([MEASURE, str(runs), stdin_path or "-", "--"] + argv,
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(argv)}: {result.stderr.strip()}")
    milliseconds, peak = result.stdout.split()
    return float(milliseconds) / 1000, int(peak)


def median_call(function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    global MEASURE
    parser = argparse.ArgumentParser()
    parser.add_argument("--bond", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--measure", default=None)
    parser.add_argument("--bond-bench", required=True)
    parser.add_argument("--only", default="", help="comma-separated row groups: base58,startup,read-meter,sunspec,chain-log,sign,keccak,send")
    args = parser.parse_args()
    bond = os.path.abspath(args.bond)
    MEASURE = args.measure or MEASURE
    global BOND_BENCH
    BOND_BENCH = os.path.abspath(args.bond_bench)
    stream_runs, small_runs = (3, 11) if args.quick else (7, 41)
    groups = set(args.only.split(",")) if args.only else {"base58", "startup", "read-meter", "sunspec", "chain-log", "sign", "keccak", "send"}
    rows = []

    def row(name, bond_value, reference_name, reference_value, unit, ratio, target, met):
        rows.append((name, f"{bond_value} {unit}", f"{reference_name}: {reference_value} {unit}", f"{ratio:.2f}x", target, "yes" if met else "NO"))

    if "base58" in groups:
        base58_rows(bond, stream_runs, small_runs, row)
    if "startup" in groups:
        startup_rows(bond, small_runs, rows)
    if "read-meter" in groups:
        read_meter_rows(bond, small_runs, rows, row)
    if "sunspec" in groups:
        sunspec_rows(bond, small_runs, row)
    if "chain-log" in groups:
        chain_log_rows(bond, args.quick, rows, row)
    if "sign" in groups:
        sign_rows(bond, args.quick, rows, row)
    if "keccak" in groups:
        keccak_rows(args.bond_bench, row)
    if "send" in groups:
        send_rows(bond, rows, row)
    print_table(rows, stream_runs, small_runs)


def base58_rows(bond, stream_runs, small_runs, row):

    rng = random.Random(58)
    items = [bytes(rng.randrange(256) for _ in range(34)) for _ in range(100_000)]
    big = bytes(rng.randrange(256) for _ in range(10 * 1024))
    work = tempfile.mkdtemp(prefix="bond-bench-")
    hex_path = os.path.join(work, "items.hex")
    b58_path = os.path.join(work, "items.b58")
    big_path = os.path.join(work, "item-10k.bin")
    big_stream_path = os.path.join(work, "items-10k.hex")
    encoded = [base58.b58encode(i).decode() for i in items]
    with open(hex_path, "w") as f:
        f.writelines(i.hex() + "\n" for i in items)
    with open(b58_path, "w") as f:
        f.writelines(e + "\n" for e in encoded)
    with open(big_path, "wb") as f:
        f.write(big)

    # bond must agree with the reference on what it is timed on.
    out = subprocess.run([bond, "base58", "encode"], stdin=open(hex_path, "rb"), capture_output=True, check=True).stdout
    produced = [line.split(b'"base58": "')[1].split(b'"')[0].decode() for line in out.splitlines()]
    if produced != encoded:
        sys.exit("bench: bond's encoding differs from Python's base58")

    n = len(items)
    bond_wall, _ = median_process([bond, "base58", "encode"], stream_runs, hex_path)
    py_wall = median_call(lambda: [base58.b58encode(i) for i in items], max(3, stream_runs // 2))
    ratio = py_wall / bond_wall
    row("base58 encode, 100,000 x 34 B (stdin hex -> NDJSON)", f"{n / bond_wall:,.0f}", "Python base58.b58encode", f"{n / py_wall:,.0f}", "items/s", ratio, ">= 10x", ratio >= 10)

    bond_wall, _ = median_process([bond, "base58", "decode"], stream_runs, b58_path)
    py_wall = median_call(lambda: [base58.b58decode(e) for e in encoded], max(3, stream_runs // 2))
    ratio = py_wall / bond_wall
    row("base58 decode, 100,000 items (stdin -> NDJSON)", f"{n / bond_wall:,.0f}", "Python base58.b58decode", f"{n / py_wall:,.0f}", "items/s", ratio, ">= 10x", ratio >= 10)

    py_big = median_call(lambda: base58.b58encode(big), 7)
    bond_wall, _ = median_process([bond, "base58", "encode", "--file", big_path], small_runs)
    ratio = py_big / bond_wall
    row("base58 encode, one 10 KiB item (whole bond process, start-up included)", f"{bond_wall * 1000:.2f}", "Python base58.b58encode call", f"{py_big * 1000:.2f}", "ms", ratio, ">= 20x", ratio >= 20)
    copies = 50
    with open(big_stream_path, "w") as f:
        f.writelines(big.hex() + "\n" for _ in range(copies))
    bond_wall, _ = median_process([bond, "base58", "encode"], stream_runs, big_stream_path)
    ratio = py_big / (bond_wall / copies)
    row(f"base58 encode, 10 KiB items ({copies} in one stream, per item)", f"{bond_wall * 1000 / copies:.2f}", "Python base58.b58encode call", f"{py_big * 1000:.2f}", "ms", ratio, "(same)", ratio >= 20)



def startup_rows(bond, small_runs, rows):
    startup_runs = max(small_runs, 21)
    bond_wall, bond_rss = median_process([bond, "base58", "encode", "00"], startup_runs)
    true_wall, true_rss = median_process(["/bin/true"], startup_runs)
    rows.append(("start-up: bond base58 encode 00 (median wall)", f"{bond_wall * 1000:.2f} ms",
                 f"/bin/true: {true_wall * 1000:.2f} ms", f"{bond_wall / true_wall:.1f}x", "<= 5 ms", "yes" if bond_wall <= 0.005 else "NO"))
    rows.append(("start-up: peak RSS", f"{bond_rss / 1024:.1f} MiB", f"/bin/true: {true_rss / 1024:.1f} MiB",
                 f"{bond_rss / true_rss:.1f}x", "< 15 MiB", "yes" if bond_rss < 15 * 1024 else "NO"))



def sunspec_document(size):
    """A SunSpec document of about `size` bytes in the Eumel's shape: the common block, then
    MPPT-like filler blocks, then the meter block last (the reader must look through all)."""
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<SunSpecData v="1">\n'
            '  <d man="VERBUND" mod="Power-Meter" sn="A8404118ABD2" t="2018-03-08T18:18:17Z">\n'
            '    <m id="1"><p id="Mn">VERBUND</p><p id="Md">Power-Meter</p><p id="Vr">2.1.1</p><p id="SN">A8404118ABD2</p></m>\n')
    tail = ('    <m id="213"><p id="W">319.19</p><p id="TotWhImp">336.12</p><p id="TotWhExp">11277.41</p></m>\n'
            '  </d>\n</SunSpecData>\n')
    block = "    <m id=\"160\">" + "".join(f'<p id="DCA_{i}">{i * 1.25:.2f}</p><p id="DCV_{i}">{400 + i:.2f}</p>' for i in range(20)) + "</m>\n"
    count = max(1, (size - len(head) - len(tail)) // len(block))
    return head + block * count + tail


def read_meter_rows(bond, small_runs, rows, row):
    """read-meter eumel --file: start-up cost over base58's, and parsing 1 MiB against xmllint."""
    here = os.path.dirname(os.path.abspath(__file__))
    sample = os.path.join(here, "..", "Tests", "Fixtures", "eumel", "eumel-v2.1.1.xml")
    runs = max(small_runs, 21)
    base_wall, _ = median_process([bond, "base58", "encode", "00"], runs)
    read_wall, read_rss = median_process([bond, "read-meter", "eumel", "--file", sample], runs)
    extra = (read_wall - base_wall) * 1000
    rows.append(("read-meter eumel --file (v2.1.1 sample, whole process)", f"{read_wall * 1000:.2f} ms",
                 f"bond base58 encode 00: {base_wall * 1000:.2f} ms", f"+{extra:.2f} ms", "<= +3 ms", "yes" if extra <= 3 else "NO"))
    work = tempfile.mkdtemp(prefix="bond-bench-xml-")
    big = os.path.join(work, "sunspec-1mib.xml")
    with open(big, "w") as f:
        f.write(sunspec_document(1 << 20))
    out = subprocess.run([bond, "read-meter", "eumel", "--file", big], capture_output=True, text=True, check=True).stdout
    if '"energy_wh": 336.12' not in out:
        sys.exit("bench: read-meter misread the 1 MiB document: " + out)
    bond_wall, bond_rss = median_process([bond, "read-meter", "eumel", "--file", big], runs)
    xmllint_wall, xmllint_rss = median_process(["xmllint", "--noout", big], runs)
    ratio = xmllint_wall / bond_wall
    row(f"SunSpec XML, {os.path.getsize(big) / 1048576:.2f} MiB document (whole process, read-meter eumel --file)",
        f"{bond_wall * 1000:.2f}", "xmllint --noout", f"{xmllint_wall * 1000:.2f}", "ms", ratio, ">= 1x", ratio >= 1)


def sunspec_rows(bond, small_runs, row):
    """read-meter sunspec of a model 1 + model 203 device (unit 1 of scripts/servers/modbus_server.py)
    over loopback Modbus TCP, as a whole process, against pysunspec2 scanning the same server and
    reading TotWhImp in-process (a new client each time, as each cron run is)."""
    import sunspec2.modbus.client as client
    here = os.path.dirname(os.path.abspath(__file__))
    work = tempfile.mkdtemp(prefix="bond-bench-modbus-")
    ready = os.path.join(work, "modbus.json")
    server = subprocess.Popen([sys.executable, os.path.join(here, "..", "scripts", "servers", "modbus_server.py"), "--ready-file", ready],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not os.path.exists(ready):
            if server.poll() is not None:
                sys.exit("bench: the Modbus peer exited")
            time.sleep(0.05)
        host = json.load(open(ready))["tcp"]
        argv = [bond, "read-meter", "sunspec", "--host", host, "--unit-id", "1"]
        out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
        if '"energy_wh": 123456.78' not in out:
            sys.exit("bench: read-meter sunspec misread unit 1: " + out)
        runs = max(small_runs, 21)
        bond_wall, _ = median_process(argv, runs)
        address, port = host.rsplit(":", 1)

        def pysunspec2_read():
            device = client.SunSpecModbusClientDeviceTCP(slave_id=1, ipaddr=address, ipport=int(port), timeout=2)
            device.scan()
            value = device.models[203][0].TotWhImp.cvalue
            device.close()
            if abs(value - 123456.78) > 1e-6:
                sys.exit(f"bench: pysunspec2 read {value}")

        py_wall = median_call(pysunspec2_read, runs)
        ratio = py_wall / bond_wall
        row("read-meter sunspec, model 1 + 203 over loopback Modbus TCP (whole process)", f"{bond_wall * 1000:.2f}",
            "pysunspec2 scan + read in-process", f"{py_wall * 1000:.2f}", "ms", ratio, ">= 10x", ratio >= 10)
        # The same read as cron would run a pysunspec2 script: interpreter, import, scan, read.
        script = os.path.join(work, "read.py")
        with open(script, "w") as f:
            f.write("import sys\nimport sunspec2.modbus.client as client\n"
                    "device = client.SunSpecModbusClientDeviceTCP(slave_id=1, ipaddr=sys.argv[1], ipport=int(sys.argv[2]), timeout=2)\n"
                    "device.scan()\nprint(device.models[203][0].TotWhImp.cvalue)\ndevice.close()\n")
        process_wall, _ = median_process([sys.executable, script, address, port], 11)
        row("read-meter sunspec, as above, against a pysunspec2 script as a whole process", f"{bond_wall * 1000:.2f}",
            "python3 read.py (pysunspec2)", f"{process_wall * 1000:.2f}", "ms", process_wall / bond_wall, "(reported)", True)
    finally:
        server.kill()


def write_log(directory, entries):
    """Writes a chain log in bond's format (bond-chain-log(1), FORMAT) with hashlib, so that
    a large log need not be appended one fsync at a time; bond's verify then checks it."""
    import hashlib
    os.makedirs(os.path.join(directory, "entries"))
    chain = bytes(32)
    lines = []
    for index, content in enumerate(entries):
        name = "%012d" % index
        with open(os.path.join(directory, "entries", name), "wb") as f:
            f.write(content)
        digest = hashlib.sha256(content).digest()
        chain = hashlib.sha256(chain + digest).digest()
        lines.append("%s\t%s\t%s\t2026-11-29T12:00:00Z\tentries/%s\n" % (name, digest.hex(), chain.hex(), name))
    with open(os.path.join(directory, "index.tsv"), "w") as f:
        f.writelines(lines)


def chain_log_rows(bond, quick, rows, row):
    here = os.path.dirname(os.path.abspath(__file__))
    work = tempfile.mkdtemp(prefix="bond-bench-log-", dir=os.path.join(here, "out"))
    rng = random.Random(9162)
    # A year of five-minute readings: 100,000 entries of about 1 KiB.
    count = 20_000 if quick else 100_000
    small = os.path.join(work, "year")
    write_log(small, [rng.randbytes(1024) for _ in range(count)])
    runs = 3 if quick else 5
    out = subprocess.run([bond, "chain-log", "verify", "--dir", small], capture_output=True, text=True, check=True).stdout
    if '"entries": %d' % count not in out:
        sys.exit("bench: verify disagrees with the log written: " + out)
    bond_wall, _ = median_process([bond, "chain-log", "verify", "--dir", small], runs)
    sums = "cd %s && find entries -type f | xargs sha256sum > /dev/null" % small
    sums_wall = median_call(lambda: subprocess.run(["sh", "-c", sums], check=True), runs)
    ratio = sums_wall / bond_wall
    row(f"chain-log verify, {count:,} entries of 1 KiB", f"{bond_wall * 1000:,.0f}", "find | xargs sha256sum", f"{sums_wall * 1000:,.0f}",
        "ms", ratio, ">= 1x", ratio >= 1)

    large = os.path.join(work, "large")
    big_count = 1000
    write_log(large, [rng.randbytes(256 * 1024) for _ in range(big_count)])
    bond_wall, _ = median_process([bond, "chain-log", "verify", "--dir", large], runs)
    bond_mbs = big_count * 256 * 1024 / bond_wall / 1e6
    speed = subprocess.run(["openssl", "speed", "-evp", "sha256", "-bytes", str(256 * 1024), "-seconds", "2"],
                           capture_output=True, text=True, check=True).stdout
    line = [l for l in speed.splitlines() if l.lower().startswith("sha256")][-1]
    openssl_mbs = float(line.split()[-1].rstrip("k")) * 1000 / 1e6
    ratio = bond_mbs / openssl_mbs
    row(f"chain-log verify, {big_count:,} entries of 256 KiB", f"{bond_mbs:,.0f}", "openssl speed -evp sha256 (256 KiB)", f"{openssl_mbs:,.0f}",
        "MB/s", ratio, ">= 0.7x", ratio >= 0.7)

    # Appends, one process each, fsync included: ms per append, fsync's share, and no slowing
    # down as the log grows.
    appends = os.path.join(work, "appends")
    total = 2_000 if quick else 10_000
    times = []
    line_path = os.path.join(work, "line.json")
    with open(line_path, "w") as f:
        f.write('{"kind": "energy", "driver": "eumel", "energy_wh": 336.12}\n')
    for _ in range(total):
        start = time.perf_counter()
        subprocess.run([bond, "chain-log", "append", "--dir", appends, line_path], stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    first = statistics.mean(times[:1000]) * 1000
    last = statistics.mean(times[-1000:]) * 1000
    traced = subprocess.run(["strace", "-f", "-c", "-w", "-e", "trace=fsync,fdatasync", bond, "chain-log", "append", "--dir", appends, line_path],
                            capture_output=True, text=True)
    fsync_seconds = 0.0
    for text in traced.stderr.splitlines():
        parts = text.split()
        if parts and parts[-1] in ("fsync", "fdatasync"):
            fsync_seconds += float(parts[1])
    one = statistics.median(times[-1000:])
    share = f"{fsync_seconds / one * 100:.0f}% in fsync" if traced.returncode == 0 and fsync_seconds else "fsync share: strace unavailable"
    rows.append((f"chain-log append, one line per process ({total:,} appends)", f"{last:.2f} ms (last 1,000)",
                 f"first 1,000: {first:.2f} ms; {share}", f"{last / first:.2f}x", "no slow-down", "yes" if last <= first * 1.25 else "NO"))
    subprocess.run(["rm", "-rf", work])


def sign_rows(bond, quick, rows, row):
    """sign-tx on 100,000 EIP-1559 transactions against raw libsecp256k1 in C and eth-account."""
    count = 20_000 if quick else 100_000
    work = tempfile.mkdtemp(prefix="bond-bench-sign-")
    key_path = os.path.join(work, "device.key")
    with open(key_path, "w") as f:
        f.write("0x" + "46" * 32 + "\n")
    os.chmod(key_path, 0o600)
    stream = os.path.join(work, "transactions.ndjson")
    with open(stream, "w") as f:
        for i in range(count):
            f.write('{"to": "0x3535353535353535353535353535353535353535", "value": "%d", "data": "0x"}\n' % i)
    flags = ["--key-file", key_path, "--nonce", "0", "--gas", "21000", "--chain-id", "246",
             "--max-fee-per-gas", "2gwei", "--max-priority-fee-per-gas", "1gwei"]
    wall, rss = median_process([bond, "sign-tx"] + flags, 3, stream)
    bond_rate = count / wall
    c_rate = float(subprocess.run([os.path.join(os.path.dirname(MEASURE), "secp256k1-sign"), "40000"],
                                  capture_output=True, text=True, check=True).stdout.split()[0])
    row(f"sign-tx, {count:,} EIP-1559 transactions (NDJSON, {os.cpu_count()} threads)", f"{bond_rate:,.0f}",
        "raw secp256k1_ecdsa_sign_recoverable, C loop, 1 core", f"{c_rate:,.0f}", "tx/s", bond_rate / c_rate, ">= 0.8x", bond_rate / c_rate >= 0.8)
    from eth_account import Account
    account = Account.from_key("0x" + "46" * 32)
    transactions = [{"to": "0x3535353535353535353535353535353535353535", "value": i, "data": b"", "nonce": i, "gas": 21000,
                     "chainId": 246, "maxFeePerGas": 2 * 10**9, "maxPriorityFeePerGas": 10**9} for i in range(300)]
    start = time.perf_counter()
    for tx in transactions:
        account.sign_transaction(tx)
    py_rate = len(transactions) / (time.perf_counter() - start)
    row("sign-tx against eth-account", f"{bond_rate:,.0f}", "eth-account sign_transaction", f"{py_rate:,.0f}", "tx/s",
        bond_rate / py_rate, ">= 50x", bond_rate / py_rate >= 50)
    rows.append(("sign-tx peak RSS", f"{rss / 1024:.1f} MiB", "-", "-", "< 40 MiB", "yes" if rss < 40 * 1024 else "NO"))


def keccak_rows(bond_bench, row):
    """Keccak-256 of 16 KiB blocks, in-process, against OpenSSL's SHA3-256 (the same permutation)."""
    bond_mbs = float(subprocess.run([bond_bench, "keccak", "16384", "3"], capture_output=True, text=True, check=True).stdout.split()[0])
    speed = subprocess.run(["openssl", "speed", "-evp", "sha3-256", "-bytes", "16384", "-seconds", "3"],
                           capture_output=True, text=True, check=True).stdout
    line = [l for l in speed.splitlines() if l.startswith("sha3-256")][-1]
    openssl_mbs = float(line.split()[-1].rstrip("k")) * 1000 / 1e6
    row("Keccak-256, 16 KiB blocks", f"{bond_mbs:,.0f}", "openssl speed -evp sha3-256", f"{openssl_mbs:,.0f}", "MB/s",
        bond_mbs / openssl_mbs, ">= 0.8x", bond_mbs / openssl_mbs >= 0.8)


def send_rows(bond, rows, row):
    """send-tx's client overhead against web3.py, both submitting 2,000 pre-signed transactions
    to the same minimal loopback responder (bond-bench responder, in Swift, so that the server
    is not what is measured); and one transaction sent to the dev node."""
    here = os.path.dirname(os.path.abspath(__file__))
    work = tempfile.mkdtemp(prefix="bond-bench-send-")
    port_file = os.path.join(work, "port")
    responder = subprocess.Popen([BOND_BENCH, "responder", port_file])
    try:
        while not os.path.exists(port_file) or not open(port_file).read():
            time.sleep(0.05)
        url = "http://127.0.0.1:" + open(port_file).read()
        key_path = os.path.join(work, "device.key")
        with open(key_path, "w") as f:
            f.write("0x" + "46" * 32 + "\n")
        os.chmod(key_path, 0o600)
        count = 2000
        unsigned = "".join('{"to": "0x3535353535353535353535353535353535353535", "value": "%d"}\n' % i for i in range(count))
        signed = subprocess.run([bond, "sign-tx", "--key-file", key_path, "--nonce", "0", "--gas", "21000", "--chain-id", "1337",
                                 "--max-fee-per-gas", "2gwei", "--max-priority-fee-per-gas", "1gwei"],
                                input=unsigned.encode(), capture_output=True, check=True).stdout
        stream = os.path.join(work, "signed.ndjson")
        with open(stream, "wb") as f:
            f.write(signed)
        wall, _ = median_process([bond, "send-tx", "--rpc", url], 3, stream)
        bond_rate = count / wall
        from web3 import Web3
        w3 = Web3(Web3.HTTPProvider(url))
        raws = [json.loads(line)["raw"] for line in signed.splitlines()]
        start = time.perf_counter()
        for raw in raws:
            w3.eth.send_raw_transaction(raw)
        py_rate = count / (time.perf_counter() - start)
        row(f"send-tx, {count:,} pre-signed transactions to a loopback responder", f"{bond_rate:,.0f}",
            "web3.py send_raw_transaction loop", f"{py_rate:,.0f}", "tx/s", bond_rate / py_rate, ">= 5x", bond_rate / py_rate >= 5)
    finally:
        responder.kill()
    services = os.path.join(work, "services")
    subprocess.run([os.path.join(here, "..", "scripts", "services"), "start", services], check=True)
    try:
        info = json.load(open(os.path.join(services, "dev-node.json")))
        with open(key_path, "w") as f:
            f.write(info["accounts"][0]["private_key"] + "\n")
        one = subprocess.run([bond, "sign-tx", "--key-file", key_path, "-n", "--nonce", "0", "--gas", "21000", "--chain-id",
                              str(info["chain_id"]), "--gas-price", "5gwei", "--to", "0x3535353535353535353535353535353535353535"],
                             capture_output=True, check=True).stdout
        single = os.path.join(work, "one.ndjson")
        with open(single, "wb") as f:
            f.write(one)
        wall, rss = median_process([bond, "send-tx", "--rpc", info["rpc"]], 9, single)
        rows.append(("send-tx of one transaction to the dev node (whole process)", f"{wall * 1000:.1f} ms", "-", "-",
                     "(reported)", "-"))
    finally:
        subprocess.run([os.path.join(here, "..", "scripts", "services"), "stop", services])


def print_table(rows, stream_runs, small_runs):
    headers = ("benchmark", "bond", "reference (same run)", "ratio", "target", "met")
    widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    print(line(headers))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    print(f"\n{os.cpu_count()} CPUs; {stream_runs} runs per stream row, {max(small_runs, 21)} per start-up row; medians.")


if __name__ == "__main__":
    main()
