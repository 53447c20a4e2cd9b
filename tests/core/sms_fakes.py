"""Local fakes of 阿里云短信 and 腾讯云短信's SendSms endpoints, started by the tests on 127.0.0.1.

Each verifies the request's signature with the secret it was given (a bad signature gets the provider's own
refusal), records what arrived, and answers by the phone number's last four digits, like a provider would:
0429 → rate limited, 0500 → an HTML error page, 0030 → no answer for `slow_seconds`; a template ID "BAD" →
template refused; anything else → success.
"""

import base64
import hashlib
import hmac
import json
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote

SECRET_ID, SECRET_KEY = "LTAI5tFakeAccessKey01", "fake-secret-never-real"


class FakeProvider(BaseHTTPRequestHandler):
    received: list  # set per server
    slow_seconds = 3.0

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status, answer, content_type = self.answer(body)
        data = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (timeout tests)
            pass

    def by_phone(self, phone: str):
        if phone.endswith("0500"):
            return 502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"
        if phone.endswith("0030"):
            time.sleep(self.slow_seconds)
        return None


class FakeAliyun(FakeProvider):
    def answer(self, body: bytes):
        params = dict(parse_qsl(body.decode(), keep_blank_values=True))
        self.received.append(params)
        signature = params.pop("Signature", "")
        canonical = "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in sorted(params.items()))
        to_sign = "POST&%2F&" + quote(canonical, safe="-_.~")
        expected = base64.b64encode(hmac.new(f"{SECRET_KEY}&".encode(), to_sign.encode(), hashlib.sha1).digest())
        if params.get("AccessKeyId") != SECRET_ID:
            return (
                404,
                {"Code": "InvalidAccessKeyId.NotFound", "Message": "Specified access key is not found."},
                "application/json",
            )
        if not hmac.compare_digest(expected.decode(), signature):
            return (
                400,
                {"Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched."},
                "application/json",
            )
        special = self.by_phone(params["PhoneNumbers"])
        if special:
            return special
        if params["PhoneNumbers"].endswith("0429"):
            message = f"触发号码天级流控Permits:10 ({params['PhoneNumbers']})"
            return 200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": message}, "application/json"
        if params["TemplateCode"] == "BAD":
            return 200, {"Code": "isv.SMS_TEMPLATE_ILLEGAL", "Message": "模版不合法"}, "application/json"
        return (
            200,
            {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0", "RequestId": "F655A8D5"},
            "application/json",
        )


class FakeTencent(FakeProvider):
    def answer(self, body: bytes):
        payload = json.loads(body)
        self.received.append(payload | {"headers": dict(self.headers)})
        timestamp = int(self.headers["X-TC-Timestamp"])
        date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
        canonical = "\n".join(
            ["POST", "/", "", f"content-type:{self.headers['Content-Type']}\nhost:{self.headers['Host']}\n",
             "content-type;host", hashlib.sha256(body).hexdigest()]
        )  # fmt: skip
        to_sign = (
            f"TC3-HMAC-SHA256\n{timestamp}\n{date}/sms/tc3_request\n{hashlib.sha256(canonical.encode()).hexdigest()}"
        )
        key = f"TC3{SECRET_KEY}".encode()
        for part in (date, "sms", "tc3_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        authorization = self.headers.get("Authorization", "")
        if f"Credential={SECRET_ID}/" not in authorization or not authorization.endswith(f"Signature={expected}"):
            error = {
                "Code": "AuthFailure.SignatureFailure",
                "Message": "The provided credentials could not be validated.",
            }
            return 200, {"Response": {"Error": error, "RequestId": "r1"}}, "application/json"
        phone = payload["PhoneNumberSet"][0]
        special = self.by_phone(phone)
        if special:
            return special
        status = {"SerialNo": "2640:1", "PhoneNumber": phone, "Code": "Ok", "Message": "send success"}
        if phone.endswith("0429"):
            status |= {
                "Code": "LimitExceeded.PhoneNumberThirtySecondLimit",
                "Message": "单个手机号30秒内下发短信条数超过设定的上限",
            }
        elif payload["TemplateId"] == "BAD":
            status |= {"Code": "FailedOperation.TemplateIncorrectOrUnapproved", "Message": "template unapproved"}
        return 200, {"Response": {"SendStatusSet": [status], "RequestId": "r2"}}, "application/json"


@contextmanager
def fake_provider(handler: type[FakeProvider], *, slow_seconds: float = 3.0):
    """Serve `handler` on a free port of 127.0.0.1; yield (endpoint URL, the list of received requests)."""
    received = []
    handler_class = type(handler.__name__, (handler,), {"received": received, "slow_seconds": slow_seconds})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    server.daemon_threads = True
    server.block_on_close = False  # a handler still sleeping (the timeout tests) does not hold the test up
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", received
    finally:
        server.shutdown()
        server.server_close()
