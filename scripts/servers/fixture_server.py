#!/usr/bin/env python3
"""bond's fixture HTTP server for tests: behaviours chosen by the request path, so that tests
running at once never disturb each other (only /test/flaky/ keeps a counter, per key).

    fixture_server.py --port 0 --ready-file PATH     (port 0: any free port)

Writes {"url": "http://127.0.0.1:PORT"} to the ready file once it listens. Paths:
  /test/status/CODE                 that status, a short text body
  /test/json-error/CODE             that status with {"error": {"message": ...}}
  /test/html/CODE                   that status with an HTML error page
  /test/slow/MS                     200 after MS milliseconds
  /test/truncated                   announces 100 bytes, sends 10, closes
  /test/gzip                        a gzip-encoded JSON body
  /test/redirect?code=302&to=URL    a redirect to URL
  /test/loop                        a redirect to itself
  /test/flaky/KEY/N/CODE[?retry-after=S]  CODE for the first N requests with KEY, then 200
  /test/retry-after/SECONDS         429 with Retry-After: SECONDS
  /test/basic-auth/USER/PASSWORD    200 with the right Basic credentials, else 401
  /test/echo                        200 with the method, headers and body it received
  /ns/ID/...                        the energy data sources (scripts/servers/meter_fixtures.py)
Standard library only.
"""
import argparse
import base64
import gzip
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import meter_fixtures

FLAKY = {}
FLAKY_LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet
        pass

    def send(self, status, body, content_type="text/plain", headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def answer(self, answer):
        """Sends a meter_fixtures.Answer; X-Truncate: N announces the whole body, sends N bytes, closes."""
        cut = dict(answer.headers).get("X-Truncate")
        if cut is None:
            return self.send(answer.status, answer.body, answer.content_type, answer.headers)
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body[:int(cut)])
        self.wfile.flush()
        self.close_connection = True

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self):
        self.route()

    def do_POST(self):
        self.route()

    def do_PUT(self):
        self.route()

    def route(self):
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        parts = [p for p in url.path.split("/") if p]
        received = self.body()
        answer = meter_fixtures.route(self, parts, query, received)
        if answer is not None:
            return self.answer(answer)
        if parts[:1] != ["test"] or len(parts) < 2:
            return self.send(404, "not found")
        kind = parts[1]
        if kind == "status":
            return self.send(int(parts[2]), f"status {parts[2]}")
        if kind == "json-error":
            return self.send(int(parts[2]), json.dumps({"error": {"message": f"fixture error {parts[2]}"}}), "application/json")
        if kind == "html":
            return self.send(int(parts[2]), "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
                             "text/html")
        if kind == "slow":
            time.sleep(int(parts[2]) / 1000)
            return self.send(200, "slow ok")
        if kind == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b'{"partial":')
            self.wfile.flush()
            self.close_connection = True
            return
        if kind == "gzip":
            data = gzip.compress(json.dumps({"compressed": True}).encode())
            return self.send(200, data, "application/json", [("Content-Encoding", "gzip")])
        if kind == "redirect":
            code = int(query.get("code", ["302"])[0])
            return self.send(code, "moved", headers=[("Location", query["to"][0])])
        if kind == "loop":
            return self.send(302, "around", headers=[("Location", "/test/loop")])
        if kind == "flaky":
            key, failures, code = parts[2], int(parts[3]), int(parts[4])
            with FLAKY_LOCK:
                FLAKY[key] = FLAKY.get(key, 0) + 1
                attempt = FLAKY[key]
            if attempt <= failures:
                headers = [("Retry-After", query["retry-after"][0])] if "retry-after" in query else []
                return self.send(code, f"failure {attempt}", headers=headers)
            return self.send(200, json.dumps({"ok": True, "attempts": attempt}), "application/json")
        if kind == "retry-after":
            return self.send(429, "slow down", headers=[("Retry-After", parts[2])])
        if kind == "basic-auth":
            expected = "Basic " + base64.b64encode(f"{parts[2]}:{parts[3]}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                return self.send(401, "unauthorized", headers=[("WWW-Authenticate", 'Basic realm="fixture"')])
            return self.send(200, json.dumps({"authenticated": True}), "application/json")
        if kind == "echo":
            return self.send(200, json.dumps({"method": self.command, "headers": dict(self.headers.items()),
                                              "body": received.decode(errors="replace")}), "application/json")
        return self.send(404, "unknown test path")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--ready-file", required=True)
    args = parser.parse_args()
    # Tests run in parallel: a deep listen queue, or connections are refused under load.
    ThreadingHTTPServer.request_queue_size = 256
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    temporary = args.ready_file + ".tmp"
    with open(temporary, "w") as f:
        json.dump({"url": f"http://127.0.0.1:{server.server_address[1]}"}, f)
    os.replace(temporary, args.ready_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
