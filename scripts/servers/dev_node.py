#!/usr/bin/env python3
"""bond's development node: a py-evm chain (PyPI's alysis) served over HTTP JSON-RPC on
127.0.0.1, with funded accounts, for send-tx's tests and demos.

    dev_node.py --ready-file PATH [--port 0] [--chain-id 1337] [--accounts 24]

Once it listens it writes to the ready file:
    {"rpc": URL, "control": URL, "chain_id": N, "accounts": [{"address", "private_key"}, ...]}
(the keys are test keys, derived from fixed text: never use them for anything real).

JSON-RPC: single and batch calls; alysis' methods plus eth_maxPriorityFeePerGas (1 gwei).
The control URL takes POSTed JSON objects, for tests:
  {"action": "down"}                   close the JSON-RPC port (connections are refused)
  {"action": "up"}                     open it again, same chain
  {"action": "resubmit-style", "style": "geth"|"nethermind"|"openethereum"|"nonce-too-low"|"pyevm"}
      how a resubmitted known transaction is answered: with the message that client sends
      ("already known"; "AlreadyKnown"; "Transaction with the same hash was already
      imported."; "nonce too low"), or as py-evm words it
  {"action": "fault", "mode": "html"|"500"|"garbage"|"truncated"|"slow", "count": N, "delay_ms": MS}
      answer the next N JSON-RPC requests that way
  {"action": "priority-fee-method", "enabled": false}   eth_maxPriorityFeePerGas unknown
  {"action": "compile", "name": "Meter"}   the bytecode of scripts/contracts/NAME.vy
  {"action": "mine", "blocks": N}          mine empty blocks (for confirmations)
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from alysis import Node, RPCNode
from eth_account import Account
from eth_utils import keccak

HERE = os.path.dirname(os.path.abspath(__file__))
CONTRACTS = os.path.join(HERE, "..", "contracts")

RESUBMIT_ERRORS = {
    "geth": (-32000, "already known"),
    "nethermind": (-32010, "AlreadyKnown"),
    "openethereum": (-32010, "Transaction with the same hash was already imported."),
    "nonce-too-low": (-32000, "nonce too low"),
}


class DevNode:
    def __init__(self, chain_id, accounts):
        self.lock = threading.Lock()
        self.node = Node(root_balance_wei=10**30, chain_id=chain_id)
        self.rpc_node = RPCNode(self.node)
        self.chain_id = chain_id
        self.resubmit_style = "pyevm"
        self.fault = None
        self.priority_fee_method = True
        self.compiled = {}
        root = Account.from_key(self.node.root_private_key)
        self.accounts = []
        for i in range(accounts):
            key = keccak(text=f"bond dev node test account {i}")
            account = Account.from_key(key)
            self.accounts.append({"address": account.address, "private_key": "0x" + key.hex()})
            signed = root.sign_transaction({"nonce": i, "gas": 21000, "maxFeePerGas": 10**11, "maxPriorityFeePerGas": 10**9,
                                            "chainId": chain_id, "to": account.address, "value": 10**24})
            self.rpc_node.rpc("eth_sendRawTransaction", "0x" + bytes(signed.raw_transaction).hex())

    def call(self, request):
        """One JSON-RPC request object -> response object."""
        ident = request.get("id") if isinstance(request, dict) else None
        if not isinstance(request, dict) or request.get("jsonrpc") != "2.0" or "method" not in request:
            return {"jsonrpc": "2.0", "id": ident, "error": {"code": -32600, "message": "invalid request"}}
        method, params = request["method"], request.get("params", [])
        try:
            with self.lock:
                result = self.dispatch(method, params)
            return {"jsonrpc": "2.0", "id": ident, "result": result}
        except RPCFailure as failure:
            return {"jsonrpc": "2.0", "id": ident, "error": failure.error}
        except Exception as exc:  # alysis' RPCError and anything else
            error = {"code": getattr(exc, "code", -32603), "message": getattr(exc, "message", str(exc))}
            if hasattr(error["code"], "value"):
                error["code"] = error["code"].value
            data = getattr(exc, "data", None)
            if data:
                error["data"] = "0x" + bytes(data).hex()
            return {"jsonrpc": "2.0", "id": ident, "error": error}

    def dispatch(self, method, params):
        if method == "eth_maxPriorityFeePerGas":
            if not self.priority_fee_method:
                raise RPCFailure(-32601, "the method eth_maxPriorityFeePerGas does not exist/is not available")
            return hex(10**9)
        if method == "eth_sendRawTransaction" and self.resubmit_style in RESUBMIT_ERRORS:
            raw = bytes.fromhex(params[0][2:])
            known = "0x" + keccak(raw).hex()
            try:
                self.rpc_node.rpc("eth_getTransactionByHash", known)
                code, message = RESUBMIT_ERRORS[self.resubmit_style]
                raise RPCFailure(code, message)
            except RPCFailure:
                raise
            except Exception:
                pass
        return self.rpc_node.rpc(method, *params)

    def compile(self, name):
        if name not in self.compiled:
            path = os.path.join(CONTRACTS, name + ".vy")
            vyper = os.path.join(os.path.dirname(sys.executable), "vyper")
            bytecode = subprocess.run([vyper, "-f", "bytecode", path], capture_output=True, text=True, check=True).stdout.strip()
            abi = json.loads(subprocess.run([vyper, "-f", "abi", path], capture_output=True, text=True, check=True).stdout)
            self.compiled[name] = {"bytecode": bytecode, "abi": abi}
        return self.compiled[name]


class RPCFailure(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.error = {"code": code, "message": message}


def rpc_handler(dev):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def reply(self, status, body, content_type="application/json"):
            data = body.encode() if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            fault = None
            with dev.lock:
                if dev.fault and dev.fault["count"] > 0:
                    dev.fault["count"] -= 1
                    fault = dict(dev.fault)
            if fault:
                mode = fault["mode"]
                if mode == "html":
                    return self.reply(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html")
                if mode == "500":
                    return self.reply(500, "Internal Server Error", "text/plain")
                if mode == "garbage":
                    return self.reply(200, "this is not JSON {")
                if mode == "truncated":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", "200")
                    self.end_headers()
                    self.wfile.write(b'{"jsonrpc": "2.0", "id": 1, "res')
                    self.close_connection = True
                    return
                if mode == "slow":
                    time.sleep(fault.get("delay_ms", 5000) / 1000)
            try:
                request = json.loads(body)
            except ValueError:
                return self.reply(200, json.dumps({"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "parse error"}}))
            if isinstance(request, list):
                response = [dev.call(item) for item in request]
            else:
                response = dev.call(request)
            self.reply(200, json.dumps(response))

    return Handler


def control_handler(dev, rpc):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def do_POST(self):
            command = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            action = command.get("action")
            result = {"ok": True}
            if action == "down":
                rpc.stop()
            elif action == "up":
                rpc.start()
            elif action == "resubmit-style":
                dev.resubmit_style = command["style"]
            elif action == "fault":
                with dev.lock:
                    dev.fault = {"mode": command["mode"], "count": command.get("count", 1), "delay_ms": command.get("delay_ms", 5000)}
            elif action == "priority-fee-method":
                dev.priority_fee_method = bool(command.get("enabled", True))
            elif action == "compile":
                result = dev.compile(command["name"])
            elif action == "mine":
                with dev.lock:
                    for _ in range(int(command.get("blocks", 1))):
                        dev.node.mine_block()
            else:
                result = {"ok": False, "error": f"unknown action {action}"}
            data = json.dumps(result).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


class RPCServer:
    """The JSON-RPC listener, which tests can close and reopen on the same port."""

    def __init__(self, dev, port):
        self.dev = dev
        self.port = port
        self.server = None
        self.start()

    def start(self):
        if self.server:
            return
        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), rpc_handler(self.dev))
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--chain-id", type=int, default=1337)
    parser.add_argument("--accounts", type=int, default=24)
    parser.add_argument("--ready-file", required=True)
    args = parser.parse_args()
    dev = DevNode(args.chain_id, args.accounts)
    # Tests run in parallel: a deep listen queue, or connections are refused under load.
    ThreadingHTTPServer.request_queue_size = 256
    rpc = RPCServer(dev, args.port)
    control = ThreadingHTTPServer(("127.0.0.1", 0), control_handler(dev, rpc))
    info = {"rpc": f"http://127.0.0.1:{rpc.port}", "control": f"http://127.0.0.1:{control.server_address[1]}",
            "chain_id": args.chain_id, "accounts": dev.accounts}
    temporary = args.ready_file + ".tmp"
    with open(temporary, "w") as f:
        json.dump(info, f)
    os.replace(temporary, args.ready_file)
    control.serve_forever()


if __name__ == "__main__":
    main()
