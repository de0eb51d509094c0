#!/usr/bin/env python3
"""A stand-in EHR or billing system for watching the flow by hand: listens for MLLP on
127.0.0.1:PORT, prints every HL7 message it receives and answers it with an ACK.

Usage: tools/mllp-receiver.py PORT [AA|AE|AR]   (the acknowledgement code, AA by default)
"""
import socketserver
import sys
from datetime import datetime

START, END = b"\x0b", b"\x1c\x0d"


def field(segment, index):
    parts = segment.split("|")
    return parts[index] if index < len(parts) else ""


class Receiver(socketserver.StreamRequestHandler):
    code = "AA"

    def handle(self):
        buffer = b""
        while True:
            chunk = self.request.recv(65536)
            if not chunk:
                return
            buffer += chunk
            while START in buffer and END in buffer:
                frame, buffer = buffer.split(END, 1)
                message = frame.split(START, 1)[1].decode("utf-8", "replace")
                print("---- received at %s\n%s" % (datetime.now().isoformat(timespec="seconds"),
                                                   message.replace("\r", "\n")), flush=True)
                msh = message.split("\r", 1)[0]
                trigger = (field(msh, 8).split("^") + ["", ""])[1]
                ack = "\r".join([
                    "MSH|^~\\&|%s|%s|%s|%s|%s||ACK^%s^ACK|ACK%s|P|2.5.1" % (
                        field(msh, 4), field(msh, 5), field(msh, 2), field(msh, 3),
                        datetime.now().strftime("%Y%m%d%H%M%S"), trigger, field(msh, 9)),
                    "MSA|%s|%s" % (self.code, field(msh, 9))]) + "\r"
                self.request.sendall(START + ack.encode("utf-8") + END)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    Receiver.code = sys.argv[2] if len(sys.argv) > 2 else "AA"
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    with socketserver.ThreadingTCPServer(("127.0.0.1", int(sys.argv[1])), Receiver) as server:
        print("listening for MLLP on 127.0.0.1:%s, answering %s" % (sys.argv[1], Receiver.code), flush=True)
        server.serve_forever()
