#!/usr/bin/env python3
"""A real HTTP server on loopback that records webhook deliveries, for notification tests.

Listens on 127.0.0.1:<free port>, prints the port on stdout when ready, and writes every
request it answers to DIR as req-N.json ({"method", "path", "headers", "body", "status"}),
numbered in arrival order. The first --fail N requests are answered with --fail-status
(default 500; 429 adds "Retry-After: 1"); later ones with 200 "ok". POST /_control with
{"fail": N, "status": S} resets that behaviour at run time (not recorded). Stops on SIGTERM.

Usage: http_receiver.py DIR [--fail N] [--fail-status S]
"""
import argparse
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class State:
    def __init__(self, directory, fail, status):
        self.directory = directory
        self.fail = fail
        self.status = status
        self.count = 0
        self.lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def _answer(self, status, body, extra=None):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        state = self.server.state
        if self.path == "/_control":
            control = json.loads(body or b"{}")
            with state.lock:
                state.fail = int(control.get("fail", 0))
                state.status = int(control.get("status", 500))
            self._answer(200, "ok")
            return
        with state.lock:
            state.count += 1
            number = state.count
            failing = state.fail > 0
            if failing:
                state.fail -= 1
            status = state.status if failing else 200
        record = {"method": self.command, "path": self.path,
                  "headers": {k: v for k, v in self.headers.items()},
                  "body": body.decode("utf-8", "replace"), "status": status}
        base = os.path.join(state.directory, "req-%d" % number)
        with open(base + ".json.tmp", "w") as f:
            json.dump(record, f)
        os.rename(base + ".json.tmp", base + ".json")
        extra = {"Retry-After": "1"} if status == 429 else None
        self._answer(status, "ok" if status == 200 else "failing on purpose", extra)

    do_POST = _handle
    do_PUT = _handle
    do_GET = _handle


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--fail", type=int, default=0)
    parser.add_argument("--fail-status", type=int, default=500)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(args.directory, args.fail, args.fail_status)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(server.server_address[1], flush=True)
    server.serve_forever(poll_interval=0.2)


if __name__ == "__main__":
    main()
