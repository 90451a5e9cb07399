"""Not Mailpit: an SMTP server on 1025 that keeps every message, and on 8025 the part of Mailpit's
API (v1) that CardStore's compose test reads: GET /api/v1/messages and GET /api/v1/message/<ID>
with the message's text, as Mailpit gives them. Python's standard library only (3.11)."""
import asyncore
import email
import email.policy
import json
import smtpd
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

messages = []
lock = threading.Lock()


class Inbox(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        parsed = email.message_from_bytes(data, policy=email.policy.default)
        body = parsed.get_body(preferencelist=("plain",))
        with lock:
            messages.append({
                "ID": uuid.uuid4().hex,
                "MessageID": parsed.get("Message-ID", ""),
                "From": {"Name": "", "Address": mailfrom},
                "To": [{"Name": "", "Address": to} for to in rcpttos],
                "Subject": str(parsed.get("Subject", "")),
                "Text": body.get_content() if body is not None else "",
            })


class Api(BaseHTTPRequestHandler):
    def do_GET(self):
        with lock:
            if self.path.startswith("/api/v1/messages"):
                summaries = [{k: v for k, v in m.items() if k != "Text"} for m in reversed(messages)]
                return self.answer(200, {"total": len(messages), "messages": summaries})
            if self.path.startswith("/api/v1/message/"):
                wanted = self.path.rsplit("/", 1)[1]
                for message in messages:
                    if message["ID"] == wanted:
                        return self.answer(200, message)
            if self.path == "/readyz":
                return self.answer(200, {})
        return self.answer(404, {"error": "not found"})

    def answer(self, status, document):
        body = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


Inbox(("0.0.0.0", 1025), None, decode_data=False)
threading.Thread(target=asyncore.loop, daemon=True).start()
print("stand-in mailbox: SMTP on 1025, Mailpit's API on 8025", flush=True)
ThreadingHTTPServer(("0.0.0.0", 8025), Api).serve_forever()
