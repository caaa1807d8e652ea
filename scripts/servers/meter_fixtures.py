"""The energy data sources of bond's tests, served from Tests/Fixtures by fixture_server.py:
a Verbund Eumel logger, the EWF Energy API and WattTime v1/v2/v3, each with its real paths,
authentication and error shapes.

Every path starts with a namespace, /ns/ID/, that keeps one test's state (tokens, added
readings, request counts) apart from the others running at once:

  /ns/ID/eumel/v1.0/rest                          v1.0 logger (Basic admin:eumel-secret)
  /ns/ID/eumel/v2.1.1/wizard/public/api/rest      v2.1.1 logger (same credentials)
  /ns/ID/eumel/rising/wizard/public/api/rest      a v2.1.1 logger whose registers grow with
                                                  every read (TotWhExp by 100.25 Wh, TotWhImp
                                                  by 10.5 Wh) and whose t is the time of the read
  POST /ns/ID/eumel/control/decrease              the rising logger's next read goes back 1 kWh
  /ns/ID/energy-api/asset/N[/energy?timeStart&timeEnd&limit]
                                                  assets 7 and 8 (Basic utility:energy-secret,
                                                  or X-API-Key: energy-key-1)
  POST /ns/ID/energy-api/control/add              {"asset": N, "readings": [...]} appends
  /ns/ID/watttime/...                             the WattTime paths of each version
                                                  (user wt-user, password wt-secret)
  POST /ns/ID/watttime/control/revoke             every token issued so far stops working
  GET  /ns/ID/control/stats                       {"logins": N, "requests": {PATH: N}}

A fault between the namespace and the service, /ns/ID/fault/KIND/SERVICE/..., changes every
answer under it: 400, 401, 401html, 403, 404, 429 (Retry-After: 0), 500, 502html, 503, empty,
garbage, truncated (the real body cut short), gzip (the real body compressed), slow-MS (the
real answer after MS milliseconds), redirect-public (302 to http://example.com/),
ignore-window (the Energy API answers every reading, whatever the window), bad-token
(WattTime logins answer a token with a CR LF and a header in it).
"""
import base64
import copy
import gzip
import json
import os
import threading
import time
from collections import Counter
from datetime import datetime, timezone
from urllib.parse import parse_qs

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "Fixtures")

EUMEL_USER, EUMEL_PASSWORD = "admin", "eumel-secret"
ENERGY_USER, ENERGY_PASSWORD, ENERGY_KEY = "utility", "energy-secret", "energy-key-1"
WATTTIME_USER, WATTTIME_PASSWORD = "wt-user", "wt-secret"
FORBIDDEN_REGION = "FORBIDDEN"


def fixture(*parts):
    with open(os.path.join(FIXTURES, *parts), "rb") as f:
        return f.read()


def fixture_json(*parts):
    return json.loads(fixture(*parts))


class Namespace:
    def __init__(self):
        self.lock = threading.Lock()
        self.tokens = set()
        self.logins = 0
        self.requests = Counter()
        self.rising_reads = 0
        self.rising_offset = 0.0
        self.readings = {7: fixture_json("energy-api", "asset-7-energy.json"),
                         8: fixture_json("energy-api", "asset-8-energy.json")}


NAMESPACES = {}
NAMESPACES_LOCK = threading.Lock()


def namespace(name):
    with NAMESPACES_LOCK:
        return NAMESPACES.setdefault(name, Namespace())


class Answer:
    def __init__(self, status, body, content_type="application/json", headers=()):
        self.status = status
        self.body = body if isinstance(body, bytes) else (body.encode() if isinstance(body, str) else json.dumps(body).encode())
        self.content_type = content_type
        self.headers = list(headers)


def error(status, name, message):
    return Answer(status, {"error": name, "message": message})


HTML_PAGE = "<html><head><title>{0}</title></head><body><h1>{0}</h1></body></html>"


def basic_user(headers):
    value = headers.get("Authorization") or ""
    if not value.startswith("Basic "):
        return None
    try:
        return tuple(base64.b64decode(value[6:]).decode().split(":", 1))
    except Exception:
        return None


def route(handler, parts, query, received):
    """Answers /ns/ID/...: returns an Answer, or None when the path is not a meter path."""
    if len(parts) < 3 or parts[0] != "ns":
        return None
    state = namespace(parts[1])
    rest = parts[2:]
    with state.lock:
        state.requests["/" + "/".join(rest)] += 1
    if rest == ["control", "stats"]:
        with state.lock:
            return Answer(200, {"logins": state.logins, "requests": dict(state.requests)})
    fault = None
    if rest[0] == "fault" and len(rest) > 2:
        fault, rest = rest[1], rest[2:]
        early = fault_answer(fault)
        if early is not None:
            return early
    answer = service(handler, state, rest, query, received, fault)
    return apply_fault(fault, answer)


def fault_answer(kind):
    if kind == "400":
        return error(400, "Bad Request", "the query is not one this service answers")
    if kind == "401":
        return error(401, "Unauthorized", "invalid credentials")
    if kind == "401html":
        return Answer(401, HTML_PAGE.format("401 Unauthorized"), "text/html")
    if kind == "403":
        return error(403, "Forbidden", "your account has no access to this resource")
    if kind == "404":
        return Answer(404, "not found", "text/plain")
    if kind == "429":
        return Answer(429, {"error": "Too Many Requests", "message": "rate limit exceeded"}, headers=[("Retry-After", "0")])
    if kind == "500":
        return error(500, "Internal Server Error", "database unavailable")
    if kind == "503":
        return error(503, "Service Unavailable", "the service is down for maintenance")
    if kind == "502html":
        return Answer(502, HTML_PAGE.format("502 Bad Gateway"), "text/html")
    if kind == "empty":
        return Answer(200, b"", "application/xml")
    if kind == "garbage":
        return Answer(200, b"\x00\x01 this is not a document", "application/octet-stream")
    if kind == "redirect-public":
        return Answer(302, "moved", "text/plain", [("Location", "http://example.com/collect")])
    return None


def apply_fault(kind, answer):
    if kind is None or answer is None:
        return answer
    if kind == "gzip":
        answer.body = gzip.compress(answer.body)
        answer.headers.append(("Content-Encoding", "gzip"))
    elif kind == "truncated":
        answer.headers.append(("X-Truncate", str(len(answer.body) // 2)))
    elif kind.startswith("slow-"):
        time.sleep(int(kind[5:]) / 1000)
    return answer


def service(handler, state, rest, query, received, fault):
    name, path = rest[0], rest[1:]
    if name == "eumel":
        return eumel(handler, path, state)
    if name == "energy-api":
        return energy_api(handler, state, path, query, received, fault)
    if name == "watttime":
        return watttime(handler, state, path, query, received, fault)
    return Answer(404, "unknown service", "text/plain")


# Verbund Eumel: one logger per firmware, each answering only its own endpoint.

def rising_document(state):
    """The v2.1.1 sample with registers that grew by one step per read so far."""
    with state.lock:
        state.rising_reads += 1
        steps = state.rising_reads
        offset = state.rising_offset
    document = fixture("eumel", "eumel-v2.1.1.xml").decode()
    exported = 11277.41 + 100.25 * steps + offset
    imported = 336.12 + 10.5 * steps
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    document = document.replace('<p id="TotWhExp">11277.41</p>', '<p id="TotWhExp">%.2f</p>' % exported)
    document = document.replace('<p id="TotWhImp">336.12</p>', '<p id="TotWhImp">%.2f</p>' % imported)
    document = document.replace('t="2018-03-08T18:18:17Z"', 't="%s"' % now)
    return document.encode()


def eumel(handler, path, state=None):
    endpoints = {"v1.0": (["rest"], "eumel-v1.0.xml"), "v2.1.1": (["wizard", "public", "api", "rest"], "eumel-v2.1.1.xml"),
                 "rising": (["wizard", "public", "api", "rest"], None)}
    if path == ["control", "decrease"] and state is not None:
        with state.lock:
            state.rising_offset -= 1000.0 + 100.25
        return Answer(200, {"decreased": True})
    if not path or path[0] not in endpoints or path[1:] != endpoints[path[0]][0]:
        return Answer(404, HTML_PAGE.format("404 Not Found"), "text/html")
    if basic_user(handler.headers) != (EUMEL_USER, EUMEL_PASSWORD):
        return Answer(401, HTML_PAGE.format("401 Unauthorized"), "text/html",
                      [("WWW-Authenticate", 'Basic realm="Eumel"')])
    if endpoints[path[0]][1] is None:
        return Answer(200, rising_document(state), "application/xml")
    return Answer(200, fixture("eumel", endpoints[path[0]][1]), "application/xml")


# EWF Energy API (Tests/Fixtures/energy-api/api_contract.yaml).

def parse_time(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def energy_api(handler, state, path, query, received, fault=None):
    if path == ["control", "add"]:
        request = json.loads(received)
        with state.lock:
            state.readings.setdefault(int(request["asset"]), []).extend(request["readings"])
        return Answer(200, {"added": len(request["readings"])})
    authorized = basic_user(handler.headers) == (ENERGY_USER, ENERGY_PASSWORD) or handler.headers.get("X-API-Key") == ENERGY_KEY
    if not authorized:
        return error(401, "Unauthorized", "no valid credentials or API key")
    if len(path) < 2 or path[0] != "asset" or not path[1].isdigit():
        return error(404, "Not Found", "no such resource")
    asset = int(path[1])
    if asset not in (7, 8):
        return error(404, "Not Found", "Asset with this id doesn`t exist")
    if len(path) == 2:
        return Answer(200, fixture("energy-api", f"asset-{asset}.json"))
    if path[2:] != ["energy"]:
        return error(404, "Not Found", "no such resource")
    try:
        start = parse_time(query["timeStart"][0]) if "timeStart" in query else None
        end = parse_time(query["timeEnd"][0]) if "timeEnd" in query else None
        limit = int(query.get("limit", ["5"])[0])
    except ValueError as problem:
        return error(400, "Bad Request", f"bad query: {problem}")
    with state.lock:
        readings = copy.deepcopy(state.readings[asset])
    if fault == "ignore-window":
        start = end = None
    chosen = [r for r in readings
              if (start is None or parse_time(r["measurementTime"]) >= start)
              and (end is None or parse_time(r["measurementTime"]) <= end)]
    if limit >= 0:
        chosen = chosen[:limit]
    return Answer(200, json.dumps(chosen, indent=2))


# WattTime v1, v2 and v3 (Tests/Fixtures/watttime/README.md).

def issue_token(state, base, fault=None):
    with state.lock:
        state.logins += 1
        token = base + str(state.logins)
        state.tokens.add(token)
    if fault == "bad-token":
        token += "\r\nX-Injected: 1"
    return Answer(200, {"token": token})


def required(query, *names):
    missing = [name for name in names if not query.get(name, [""])[0]]
    if missing:
        return error(400, "Bad Request", "missing query parameter " + ", ".join(missing))
    return None


def with_region(body, region, *path):
    value = json.loads(body)
    target = value
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = region
    return Answer(200, value)


def watttime(handler, state, path, query, received, fault=None):
    route_name = "/" + "/".join(path)
    if route_name == "/control/revoke":
        with state.lock:
            state.tokens.clear()
        return Answer(200, {"revoked": True})
    if route_name == "/api/v1/obtain-token-auth":
        form = parse_qs(received.decode())
        if handler.command != "POST" or form.get("username") != [WATTTIME_USER] or form.get("password") != [WATTTIME_PASSWORD]:
            return error(400, "Bad Request", "Unable to log in with provided credentials.")
        return issue_token(state, json.loads(fixture("watttime", "v1-obtain-token-auth.json"))["token"], fault)
    if route_name in ("/v2/login", "/login"):
        if basic_user(handler.headers) != (WATTTIME_USER, WATTTIME_PASSWORD):
            return error(403, "Forbidden", "invalid username or password")
        name = "v2-login.json" if route_name == "/v2/login" else "v3-login.json"
        return issue_token(state, json.loads(fixture("watttime", name))["token"], fault)
    scheme = "Token " if route_name.startswith("/api/v1/") else "Bearer "
    given = handler.headers.get("Authorization") or ""
    with state.lock:
        valid = given.startswith(scheme) and given[len(scheme):] in state.tokens
    if not valid:
        if route_name.startswith("/v2/"):
            return Answer(401, HTML_PAGE.format("401 Unauthorized"), "text/html")
        return error(401, "Unauthorized", "invalid or expired token")
    region = (query.get("ba") or query.get("region") or [""])[0]
    if region == FORBIDDEN_REGION:
        return error(403, "Forbidden", f"your account has no access to region {region}")
    if route_name == "/api/v1/marginal":
        return required(query, "ba", "start_at", "end_at", "page_size", "market") or with_region(
            fixture("watttime", "v1-marginal.json"), region, "results", 0, "ba")
    if route_name == "/v2/index":
        if query.get("style") != ["all"]:
            return error(400, "Bad Request", "style must be all")
        return required(query, "ba") or with_region(fixture("watttime", "v2-index.json"), region, "ba")
    if route_name == "/v2/ba-from-loc":
        return required(query, "latitude", "longitude") or Answer(200, {"id": 232, "abbrev": "PSCO", "name": "Public Service Co of Colorado"})
    if route_name == "/v3/region-from-loc":
        return required(query, "latitude", "longitude", "signal_type") or Answer(200, fixture("watttime", "v3-region-from-loc.json"))
    if route_name == "/v3/signal-index":
        return required(query, "region", "signal_type") or with_region(fixture("watttime", "v3-signal-index.json"), region, "meta", "region")
    if route_name == "/v3/historical":
        return required(query, "region", "signal_type", "start", "end") or with_region(
            fixture("watttime", "v3-historical.json"), region, "meta", "region")
    return error(404, "Not Found", f"no route {route_name}")
