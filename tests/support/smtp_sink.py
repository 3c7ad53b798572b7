#!/usr/bin/env python3
"""A real SMTP server on loopback for notification tests (Python's stdlib smtpd).

Listens on 127.0.0.1:<free port>, prints the port on stdout when ready, and writes each
message it accepts to DIR as msg-N.eml (the DATA, dot-stuffing undone) and msg-N.json
(envelope: mail_from, rcpt_tos, auth_user). With --user/--password it offers AUTH PLAIN and
LOGIN and refuses MAIL before a successful AUTH. Stops on SIGTERM.

Usage: smtp_sink.py DIR [--user U --password P]
"""
import argparse
import base64
import json
import os
import signal
import sys
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)
import asyncore  # noqa: E402
import smtpd  # noqa: E402


class Channel(smtpd.SMTPChannel):
    auth_user = None
    _login_step = None  # None, "user" or "password" during AUTH LOGIN
    _login_user = None

    def smtp_EHLO(self, arg):
        if not arg:
            self.push("501 Syntax: EHLO hostname")
            return
        if self.seen_greeting:
            self.push("503 Duplicate HELO/EHLO")
            return
        self._set_rset_state()
        self.seen_greeting = arg
        self.extended_smtp = True
        self.push("250-%s" % self.fqdn)
        if self.smtp_server.credentials:
            self.push("250-AUTH PLAIN LOGIN")
        self.push("250-8BITMIME")
        self.push("250 HELP")

    def _check(self, user, password):
        if (user, password) == self.smtp_server.credentials:
            self.auth_user = user
            self.push("235 2.7.0 Authentication successful")
        else:
            self.push("535 5.7.8 Authentication credentials invalid")

    def smtp_AUTH(self, arg):
        if not self.smtp_server.credentials:
            self.push("502 AUTH not offered")
            return
        parts = (arg or "").split()
        mechanism = parts[0].upper() if parts else ""
        if mechanism == "PLAIN" and len(parts) == 2:
            try:
                _, user, password = base64.b64decode(parts[1]).decode().split("\0")
            except Exception:
                self.push("501 malformed AUTH PLAIN")
                return
            self._check(user, password)
        elif mechanism == "LOGIN" and len(parts) == 2:  # initial response: the user name
            self._login_user = base64.b64decode(parts[1]).decode()
            self._login_step = "password"
            self.push("334 UGFzc3dvcmQ6")
        elif mechanism == "LOGIN":
            self._login_step = "user"
            self.push("334 VXNlcm5hbWU6")
        else:
            self.push("504 unrecognized authentication type")

    def found_terminator(self):
        if self._login_step is None:
            return super().found_terminator()
        line = self._emptystring.join(self.received_lines)
        self.received_lines = []
        if not self._decode_data:
            line = str(line, "utf-8")
        value = base64.b64decode(line).decode()
        if self._login_step == "user":
            self._login_user = value
            self._login_step = "password"
            self.push("334 UGFzc3dvcmQ6")
        else:
            self._login_step = None
            self._check(self._login_user, value)

    def smtp_MAIL(self, arg):
        if self.smtp_server.credentials and self.auth_user is None:
            self.push("530 5.7.0 Authentication required")
            return
        super().smtp_MAIL(arg)


class Sink(smtpd.SMTPServer):
    channel_class = Channel

    def __init__(self, directory, credentials):
        super().__init__(("127.0.0.1", 0), None, decode_data=False)
        self.directory = directory
        self.credentials = credentials
        self.count = 0

    def handle_accepted(self, conn, addr):
        channel = self.channel_class(self, conn, addr, self.data_size_limit, self._map,
                                     self.enable_SMTPUTF8, self._decode_data)
        channel.smtp_server = self

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        self.count += 1
        base = os.path.join(self.directory, "msg-%d" % self.count)
        auth_user = None
        for channel in list(self._map.values()):
            if isinstance(channel, Channel) and channel.mailfrom == mailfrom:
                auth_user = channel.auth_user
        with open(base + ".json.tmp", "w") as f:
            json.dump({"mail_from": mailfrom, "rcpt_tos": rcpttos, "auth_user": auth_user}, f)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(data)
        os.rename(base + ".json.tmp", base + ".json")
        os.rename(base + ".eml.tmp", base + ".eml")
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    credentials = (args.user, args.password) if args.user else None
    sink = Sink(args.directory, credentials)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(sink.socket.getsockname()[1], flush=True)
    asyncore.loop(timeout=0.2)


if __name__ == "__main__":
    main()
